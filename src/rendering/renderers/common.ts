import { createHash } from 'node:crypto';
import type { ContainerPlan, RenderContext, ResourcePlan } from './context.js';
import type { CallerInput, K8sObject, WorkloadKind } from './types.js';

/**
 * Builders shared by the pattern renderers. Everything here returns fresh plain objects, so a
 * renderer may reuse a builder's result in two places without YAML anchors appearing.
 */

export type Json = Record<string, unknown>;

/** The uid/gid every rendered pod runs as: non-root, and clear of Istio's proxy uid 1337. */
export const RUN_AS_ID = 10001;

/** A rendered Job is failed (and its pods stopped) after this long, whatever its containers do. */
export const JOB_DEADLINE_SECONDS = 600;

/** How long podwire's default images run in a Job before they finish with exit 0. */
export const JOB_TASK_SECONDS = 120;

/** Size of the per-container scratch `emptyDir` mounted at /tmp. */
export const SCRATCH_SIZE = '64Mi';

export function selectorLabels(ctx: RenderContext, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': ctx.name,
    'app.kubernetes.io/instance': ctx.name,
    'app.kubernetes.io/component': component,
  };
}

export function labels(ctx: RenderContext, component: string): Record<string, string> {
  return {
    ...selectorLabels(ctx, component),
    'app.kubernetes.io/part-of': ctx.name,
    'app.kubernetes.io/managed-by': 'podwire',
  };
}

export function metadata(
  ctx: RenderContext,
  name: string,
  component: string,
  annotations?: Record<string, string>,
): Json {
  return {
    name,
    ...(ctx.namespace ? { namespace: ctx.namespace } : {}),
    labels: labels(ctx, component),
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}

/** Pod Security Standards "restricted", pod level. */
export function podSecurityContext(): Json {
  return {
    runAsNonRoot: true,
    runAsUser: RUN_AS_ID,
    runAsGroup: RUN_AS_ID,
    fsGroup: RUN_AS_ID,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Pod Security Standards "restricted", container level, with a read-only root filesystem. */
export function containerSecurityContext(): Json {
  return {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  };
}

export function resources(plan: ResourcePlan): Json {
  return {
    requests: { cpu: plan.requests.cpu, memory: plan.requests.memory },
    limits: {
      ...(plan.limits.cpu ? { cpu: plan.limits.cpu } : {}),
      memory: plan.limits.memory,
    },
  };
}

export function httpGetProbe(port: string, path: string, periodSeconds: number): Json {
  return { httpGet: { path, port }, periodSeconds, timeoutSeconds: 2, failureThreshold: 3 };
}

export function tcpProbe(port: string, periodSeconds: number): Json {
  return { tcpSocket: { port }, periodSeconds, timeoutSeconds: 2, failureThreshold: 3 };
}

export function execProbe(command: string[], periodSeconds: number): Json {
  return { exec: { command: [...command] }, periodSeconds, timeoutSeconds: 2, failureThreshold: 3 };
}

export interface Probes {
  readinessProbe?: Json;
  livenessProbe?: Json;
  startupProbe?: Json;
}

/**
 * Probes for the app party. podinfo (the default image) has /readyz and /healthz; a caller's own
 * image gets TCP probes on its named port, the one thing we know it serves. `loopbackOnly`: the
 * server binds 127.0.0.1, which the kubelet (probing the pod IP from the node) cannot reach, so
 * podinfo is probed from inside the container with its own CLI.
 */
export function appProbes(plan: ContainerPlan, portName: string, loopbackOnly = false): Probes {
  if (plan.port === undefined) return {};
  if (plan.defaultImage && loopbackOnly) {
    return {
      readinessProbe: execProbe(['podcli', 'check', 'http', `127.0.0.1:${plan.port}/readyz`], 5),
      livenessProbe: execProbe(['podcli', 'check', 'http', `127.0.0.1:${plan.port}/healthz`], 10),
    };
  }
  if (plan.defaultImage) {
    return {
      readinessProbe: httpGetProbe(portName, '/readyz', 5),
      livenessProbe: httpGetProbe(portName, '/healthz', 10),
    };
  }
  return { readinessProbe: tcpProbe(portName, 5), livenessProbe: tcpProbe(portName, 10) };
}

export interface Volume {
  volume: Json;
  mount: Json;
}

/** A sized scratch `emptyDir` for a container's writable path (root filesystems are read-only). */
export function scratch(volumeName: string, mountPath = '/tmp', sizeLimit = SCRATCH_SIZE): Volume {
  return {
    volume: { name: volumeName, emptyDir: { sizeLimit } },
    mount: { name: volumeName, mountPath },
  };
}

export interface ContainerSpec {
  name: string;
  plan: ContainerPlan;
  portName?: string;
  probes?: Probes;
  mounts?: Json[];
  env?: Json[];
  /** Several ports; default: the plan's one port under `portName`. */
  ports?: Json[];
  /** Extra fields (e.g. `restartPolicy: Always` for a native sidecar). */
  extra?: Json;
}

export function container(spec: ContainerSpec): Json {
  const { plan } = spec;
  return {
    name: spec.name,
    image: plan.image,
    imagePullPolicy: 'IfNotPresent',
    ...(spec.extra ?? {}),
    ...(plan.command ? { command: [...plan.command] } : {}),
    ...(plan.args ? { args: [...plan.args] } : {}),
    ...(spec.env && spec.env.length > 0 ? { env: structuredClone(spec.env) } : {}),
    ...(spec.ports
      ? { ports: structuredClone(spec.ports) }
      : plan.port !== undefined && spec.portName
        ? { ports: [{ name: spec.portName, containerPort: plan.port, protocol: 'TCP' }] }
        : {}),
    ...(spec.probes ?? {}),
    resources: resources(plan.resources),
    securityContext: containerSecurityContext(),
    ...(spec.mounts && spec.mounts.length > 0
      ? { volumeMounts: spec.mounts.map((m) => ({ ...m })) }
      : {}),
  };
}

export interface PodSpecInput {
  containers: Json[];
  initContainers?: Json[];
  volumes?: Json[];
  /** Extra pod spec fields (hostname, subdomain …). */
  extra?: Json;
}

export function podSpec(kind: WorkloadKind, input: PodSpecInput): Json {
  return {
    ...(kind === 'Job' ? { restartPolicy: 'OnFailure' } : {}),
    // Nothing here talks to the API server; a mounted token would only be something to steal.
    automountServiceAccountToken: false,
    securityContext: podSecurityContext(),
    ...(input.extra ?? {}),
    ...(input.initContainers && input.initContainers.length > 0
      ? { initContainers: input.initContainers }
      : {}),
    containers: input.containers,
    ...(input.volumes && input.volumes.length > 0 ? { volumes: input.volumes } : {}),
  };
}

export interface WorkloadInput {
  kind: WorkloadKind;
  name: string;
  component: string;
  replicas: number;
  spec: Json;
  podAnnotations?: Record<string, string>;
  /** Labels on the pod only (mesh injection), not part of the selector. */
  podLabels?: Record<string, string>;
  /** StatefulSet: the governing headless Service. */
  serviceName?: string;
  volumeClaimTemplates?: Json[];
  /** Job: stable per-index hostnames (headless Service + subdomain). */
  indexed?: boolean;
}

export function workload(ctx: RenderContext, input: WorkloadInput): K8sObject {
  const podMeta: Json = {
    labels: { ...labels(ctx, input.component), ...(input.podLabels ?? {}) },
    ...(input.podAnnotations && Object.keys(input.podAnnotations).length > 0
      ? { annotations: { ...input.podAnnotations } }
      : {}),
  };
  const meta = metadata(ctx, input.name, input.component);
  const selector = { matchLabels: selectorLabels(ctx, input.component) };
  switch (input.kind) {
    case 'Deployment':
      return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta,
        spec: {
          replicas: input.replicas,
          selector,
          template: { metadata: podMeta, spec: input.spec },
        },
      };
    case 'StatefulSet':
      return {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: meta,
        spec: {
          serviceName: input.serviceName ?? `${input.name}-headless`,
          replicas: input.replicas,
          selector,
          template: { metadata: podMeta, spec: input.spec },
          ...(input.volumeClaimTemplates
            ? { volumeClaimTemplates: input.volumeClaimTemplates }
            : {}),
        },
      };
    case 'Job':
      return {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: meta,
        spec: {
          ...(input.indexed ? { completionMode: 'Indexed' } : {}),
          completions: input.replicas,
          parallelism: input.replicas,
          // Bounded on every side: retries, wall-clock time, and how long a finished Job lingers.
          backoffLimit: 3,
          activeDeadlineSeconds: JOB_DEADLINE_SECONDS,
          ttlSecondsAfterFinished: 3600,
          template: { metadata: podMeta, spec: input.spec },
        },
      };
    case 'Pod':
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          ...meta,
          labels: podMeta.labels,
          ...(podMeta.annotations ? { annotations: podMeta.annotations } : {}),
        },
        spec: input.spec,
      };
  }
}

export interface ServicePort {
  name: string;
  port: number;
  targetPort: string;
}

export function service(
  ctx: RenderContext,
  name: string,
  component: string,
  ports: ServicePort[],
  headless = false,
): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(ctx, name, component),
    spec: {
      type: 'ClusterIP',
      ...(headless ? { clusterIP: 'None' } : {}),
      selector: selectorLabels(ctx, component),
      ports: ports.map((p) => ({
        name: p.name,
        port: p.port,
        targetPort: p.targetPort,
        protocol: 'TCP',
      })),
    },
  };
}

/** The headless Service a StatefulSet needs for its pods' DNS names, when the pattern has none. */
export function governingService(
  ctx: RenderContext,
  workloadName: string,
  component: string,
  port?: { name: string; port: number },
): K8sObject {
  return service(
    ctx,
    `${workloadName}-headless`,
    component,
    port ? [{ name: port.name, port: port.port, targetPort: port.name }] : [],
    true,
  );
}

export interface IngressRule {
  /** Named container ports (or numbers) allowed in. */
  ports?: Array<string | number>;
  /** Only from pods with these labels (same namespace): a party of the bundle itself. */
  fromPods?: Record<string, string>;
}

/**
 * One NetworkPolicy peer per caller: its namespace by the `kubernetes.io/metadata.name` label the
 * API server sets on every namespace (1.22+), its pods by their labels, both in one peer when both
 * are given (a peer's selectors must all match). A ServiceAccount has no selector in a
 * NetworkPolicy, so a caller named only by one yields no peer (see callerNotes).
 */
export function callerPeers(callers: readonly CallerInput[]): Json[] {
  const peers: Json[] = [];
  for (const c of callers) {
    if (c.namespace === undefined && c.podLabels === undefined) continue;
    peers.push({
      ...(c.namespace !== undefined
        ? { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': c.namespace } } }
        : {}),
      ...(c.podLabels !== undefined ? { podSelector: { matchLabels: { ...c.podLabels } } } : {}),
    });
  }
  return peers;
}

/**
 * A NetworkPolicy that isolates one component's pods for ingress. No rules: deny all (the kubelet's
 * probes come from the node and stay allowed). A rule without `fromPods` serves the bundle's
 * callers: with `callers` given it admits exactly them, and is dropped when none of them can be
 * expressed (an empty `from` would admit every source). Egress is left open: DNS and callers'
 * upstreams are unknown here.
 */
export function networkPolicy(
  ctx: RenderContext,
  name: string,
  component: string,
  rules: IngressRule[],
  annotations?: Record<string, string>,
): K8sObject {
  const callers = ctx.callers.length > 0 ? callerPeers(ctx.callers) : undefined;
  const ingress: Json[] = [];
  for (const r of rules) {
    const from = r.fromPods ? [{ podSelector: { matchLabels: { ...r.fromPods } } }] : callers;
    if (from !== undefined && from.length === 0) continue;
    ingress.push({
      ...(from ? { from } : {}),
      ...(r.ports ? { ports: r.ports.map((port) => ({ protocol: 'TCP', port })) } : {}),
    });
  }
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata(ctx, name, component, annotations),
    spec: {
      podSelector: { matchLabels: selectorLabels(ctx, component) },
      policyTypes: ['Ingress'],
      ingress,
    },
  };
}

/** What the rendered NetworkPolicies make of `callers`, said once per render. */
export function callerNotes(ctx: RenderContext): void {
  if (ctx.callers.length === 0 || !ctx.networkPolicy) return;
  const described = ctx.callers
    .filter((c) => c.namespace !== undefined || c.podLabels !== undefined)
    .map((c) =>
      [
        c.namespace !== undefined ? `namespace ${c.namespace}` : undefined,
        c.podLabels !== undefined
          ? `pods labelled ${Object.entries(c.podLabels)
              .map(([k, v]) => `${k}=${v}`)
              .join(',')}${c.namespace === undefined ? ' (same namespace)' : ''}`
          : undefined,
      ]
        .filter(Boolean)
        .join(', '),
    );
  if (described.length > 0)
    ctx.notes.push(
      `The NetworkPolicies admit on the served ports only: ${described.join('; ')} (a namespace is matched by its kubernetes.io/metadata.name label).`,
    );
  const accounts = ctx.callers.filter((c) => c.serviceAccount !== undefined);
  if (accounts.length > 0)
    ctx.notes.push(
      `A NetworkPolicy cannot select a ServiceAccount: ${accounts.map((c) => c.serviceAccount).join(', ')} ${accounts.length === 1 ? 'is' : 'are'} enforced only through ${accounts.length === 1 ? 'its' : 'their'} namespace and pod labels${accounts.some((c) => c.namespace === undefined && c.podLabels === undefined) ? '; a caller named by a ServiceAccount alone is not admitted (give its namespace or pod labels, or use a mesh policy)' : ''}.`,
    );
}

/** The workload's own ServiceAccount: no token mounted, since nothing rendered calls the API. */
export function serviceAccount(ctx: RenderContext, name: string, component: string): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: metadata(ctx, name, component),
    automountServiceAccountToken: false,
  };
}

export function configMap(
  ctx: RenderContext,
  name: string,
  component: string,
  data: Record<string, string>,
): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: metadata(ctx, name, component),
    data: { ...data },
  };
}

/** `sha256:<hex>` over ConfigMap data: a pod template annotation, so a config change rolls the pods. */
export function checksum(data: Record<string, string>): string {
  const canonical = JSON.stringify(
    Object.keys(data)
      .sort()
      .map((k) => [k, data[k]]),
  );
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

export const CHECKSUM_ANNOTATION = 'podwire.dev/config-checksum';

/** The Job note that applies to every pattern whose pod has a long-running container. */
export function jobNote(ctx: RenderContext): void {
  if (ctx.workload === 'Job') {
    const custom = !ctx.app.defaultImage || (ctx.peer !== undefined && !ctx.peer.defaultImage);
    ctx.notes.push(
      `workload Job: the Job completes only when every regular container exits. podwire's default images run a bounded task (at most ${JOB_TASK_SECONDS}s) and exit 0; backoffLimit 3, activeDeadlineSeconds ${JOB_DEADLINE_SECONDS} and ttlSecondsAfterFinished 3600 bound retries, run time and clean-up.${custom ? ' Your own images must finish too: give them a command that exits.' : ''}`,
    );
  }
  if (ctx.workload === 'Pod') {
    ctx.notes.push(
      'workload Pod: a bare Pod is not replaced when its node fails; prefer a Deployment or StatefulSet.',
    );
  }
}
