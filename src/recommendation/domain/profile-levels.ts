import {
  type DataVolume,
  type Durability,
  type Interaction,
  type LatencyLevel,
  type Mesh,
  type Placement,
  type SecurityLevel,
  type Workload,
  MAX_LIMIT,
  MAX_WEIGHT,
  PROFILE_DEFAULTS,
  PROFILE_FIELDS,
  type ProfileField,
} from './profile.js';

/**
 * What each level of the profile means, one line each, in the terms the ranking (rank.ts) and the
 * catalogue (catalog/data) actually use: the level weights of `levelWeights`, the adjustments of
 * `adjustmentsFor`, the exclusions of `exclusionReasons`, and the catalogue's own figures (NATS'
 * 1 MB default message, Istio sidecars' 2.7 ms at p90). No level has a meaning beyond these; where
 * two levels differ only in a weight, the line says so. openapi.yaml, the chat help and
 * GET /v1/patterns' description show these lines (a test keeps openapi.yaml in step).
 */
export interface ProfileLevels {
  placement: Record<Placement, string>;
  interaction: Record<Interaction, string>;
  security: Record<SecurityLevel, string>;
  dataVolume: Record<DataVolume, string>;
  latency: Record<LatencyLevel, string>;
  durability: Record<Durability, string>;
  workload: Record<Workload, string>;
  'capabilities.mesh': Record<Mesh, string>;
}

export const PROFILE_LEVELS: Readonly<ProfileLevels> = Object.freeze({
  placement: {
    'same-pod':
      'the two containers share one Pod (network namespace and volumes; scheduled, scaled and restarted together); cross-Pod patterns are excluded; decoupling weighs 0.5',
    'separate-pods':
      'each party has its own Pods, deployed and scaled on its own; same-Pod patterns are excluded; decoupling weighs 2',
    either: 'no preference: every pattern stays in the ranking; decoupling weighs 1',
  },
  interaction: {
    'request-response':
      'a call that waits for its answer (HTTP, gRPC): direct connections gain (ClusterIP Service, localhost +4), volumes and queues lose',
    streaming:
      'a long-lived flow of data (gRPC streams, WebSocket, log tailing): sockets and direct connections gain; throughput weighs 1 more',
    'file-exchange':
      'one side writes files, the other reads them: shared volumes gain (emptyDir on disk and PVC +6), connections lose; throughput weighs 1 more',
    events:
      'fire-and-forget messages to one or many consumers: a message broker gains 9 points; decoupling and reliability weigh 1 more',
    telemetry:
      'logs and metrics every Pod emits, collected for a backend without changing the Pods: a node agent gains 9 points, a log-tailing sidecar on a shared emptyDir 2; decoupling weighs 1 more',
  },
  security: {
    baseline:
      'ordinary hardening; security weighs 1 (every rendered manifest meets Pod Security Standards restricted at any level)',
    restricted:
      'least exposure matters more: security weighs 2; no pattern is excluded or adjusted for it — what separates it from zero-trust is those adjustments',
    'zero-trust':
      'no unauthenticated network path: security weighs 3, and service-mesh and unix-socket gain 3, sidecar-proxy 1, pod-localhost loses 2, ClusterIP and headless Services lose 3',
  },
  dataVolume: {
    small: 'kilobytes per exchange (API calls, metadata); throughput weighs 0.5',
    medium:
      'up to about 1 MB per exchange, still one message of a broker (NATS: 1 MB by default); throughput weighs 1',
    large:
      'more than 1 MB per exchange: shared volumes and PVCs gain 3, a memory-backed emptyDir and a broker lose 3, sockets and proxies lose 1; throughput weighs 2',
    bulk: 'gigabytes per exchange (datasets, batch output): the same adjustments as large, throughput weighs 3; that weight is all that separates it from large',
  },
  latency: {
    relaxed: 'seconds are fine (batch, readers that poll); latency weighs 0.5',
    standard:
      'an ordinary service call: one extra proxy hop (Istio sidecars: about 2.7 ms at p90) is acceptable; latency weighs 1',
    low: 'a budget of a few milliseconds, where one proxy hop is noticeable: sidecar-proxy, message-broker and shared-pvc lose 2 points; latency weighs 2',
    critical:
      'a budget below one proxy hop: sidecar-proxy, message-broker and shared-pvc lose 3 points; latency weighs 3',
  },
  durability: {
    none: 'data in flight may be lost when a Pod restarts (the sender retries); reliability weighs 0.5',
    'pod-lifetime':
      'data must survive container restarts but may go with the Pod (an emptyDir lives as long as its Pod); reliability weighs 1',
    persistent:
      'data must outlive every Pod: shared-pvc and message-broker gain 3, direct connections (Services, mesh, sidecar-proxy) lose 3; reliability weighs 2.5',
  },
  workload: {
    service: 'long-running Pods (a Deployment) that serve requests',
    job: 'run-to-completion Pods (a Job): before Kubernetes 1.29 a classic sidecar never exits, so sidecar patterns are excluded there',
    stateful:
      'replicas with a stable name and identity each (a StatefulSet): headless Service +8, ClusterIP Service −6; reliability weighs 1 more',
  },
  'capabilities.mesh': {
    none: 'no service mesh installed: service-mesh is excluded (encryption across Pods then needs a TLS-terminating sidecar-proxy)',
    istio:
      'Istio with sidecars: service-mesh loses 2 (about 2.7 ms at p90 and 0.20 vCPU per 1000 rps)',
    'istio-ambient':
      'Istio ambient: L4 mTLS in a per-node ztunnel (0.06 vCPU per 1000 rps), no sidecar hop: service-mesh gains 1',
    linkerd: 'Linkerd: a lightweight Rust proxy with mTLS on by default: service-mesh gains 1',
  },
} satisfies ProfileLevels);

/** The meaning of each level of the field named `name` (flat dotted form), if it has levels. */
export function levelsOf(name: string): Readonly<Record<string, string>> | undefined {
  return (PROFILE_LEVELS as unknown as Record<string, Record<string, string>>)[name];
}

/** One profile field as `GET /v1/profile` serves it. */
export interface ProfileFieldInfo {
  /** Flat dotted name, as in query strings and chat (`capabilities.mesh`). */
  name: string;
  kind: ProfileField['kind'];
  description: string;
  default: string | number | boolean;
  /** The accepted values (enums, booleans, Kubernetes releases). */
  values?: readonly string[] | readonly boolean[];
  /** The accepted range (weights, limit). */
  minimum?: number;
  maximum?: number;
  /** Enums only: what each level means, in the order of `values`. */
  levels?: ReadonlyArray<{ value: string; meaning: string }>;
}

/** Every field of the profile with its values, default and level meanings, as data. */
export function profileInfo(): { fields: ProfileFieldInfo[] } {
  const fields = PROFILE_FIELDS.map((field): ProfileFieldInfo => {
    const info: ProfileFieldInfo = {
      name: field.name,
      kind: field.kind,
      description: field.description,
      default: defaultOf(field.name),
    };
    if (field.kind === 'boolean') info.values = [true, false];
    else if (field.kind === 'enum' || field.kind === 'version') info.values = [...field.allowed];
    else {
      info.minimum = field.kind === 'weight' ? 0 : 1;
      info.maximum = field.kind === 'weight' ? MAX_WEIGHT : MAX_LIMIT;
    }
    const levels = levelsOf(field.name);
    if (levels) info.levels = field.allowed.map((value) => ({ value, meaning: levels[value] }));
    return info;
  });
  return { fields };
}

/** The typed default of a field (PROFILE_FIELDS holds them as text for help lines). */
function defaultOf(name: string): string | number | boolean {
  if (name.startsWith('weights.')) return 'from the profile levels';
  const value = name
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], PROFILE_DEFAULTS);
  return value as string | number | boolean;
}
