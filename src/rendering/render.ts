import { parseKubernetesVersion } from '../kubernetes/releases.js';
import { Document } from 'yaml';
import { BadRequestError, type FieldError, UnprocessableError } from '../common/errors.js';
import {
  type ContainerPlan,
  DEFAULT_APP_IMAGE_PORT,
  DEFAULT_CUSTOM_APP_PORT,
  IMAGES,
  type RenderContext,
  type ResourcePlan,
  type TlsPlan,
} from './renderers/context.js';
import { callerNotes } from './renderers/common.js';
import { renderMessageBroker } from './renderers/message-broker.renderer.js';
import { renderNodeAgent } from './renderers/node-agent.renderer.js';
import { renderObjectStorage } from './renderers/object-storage.renderer.js';
import { renderPodLocalhost } from './renderers/pod-localhost.renderer.js';
import { quantityValue } from './renderers/quantity.js';
import { renderServiceClusterIp } from './renderers/service-clusterip.renderer.js';
import { renderServiceHeadless } from './renderers/service-headless.renderer.js';
import { renderServiceMesh } from './renderers/service-mesh.renderer.js';
import { renderSharedPvc } from './renderers/shared-pvc.renderer.js';
import { renderSharedVolumeDisk } from './renderers/shared-volume-disk.renderer.js';
import { renderSharedVolumeMemory } from './renderers/shared-volume-memory.renderer.js';
import { NATIVE_SIDECAR_MINOR, renderSidecarProxy } from './renderers/sidecar-proxy.renderer.js';
import {
  type ContainerInput,
  DEFAULT_KUBERNETES_VERSION,
  type K8sObject,
  type PatternId,
  type RenderRequest,
  type RenderResult,
  type TlsInput,
  type WorkloadKind,
} from './renderers/types.js';
import { renderUnixSocket } from './renderers/unix-socket.renderer.js';

type Renderer = (ctx: RenderContext) => K8sObject[];

interface PatternDefaults {
  render: Renderer;
  workload: WorkloadKind;
  replicas: number;
  /** The second party, when the pattern has one. */
  peer?: { image: string; port?: number; resources: ResourcePlan };
  mountPath: string;
  sizeLimit: string;
  storage: string;
  /** Options the pattern reads (others are ignored with a note). */
  options: ReadonlyArray<keyof NonNullable<RenderRequest['options']>>;
}

const APP_RESOURCES: ResourcePlan = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { memory: '256Mi' },
};
const PEER_RESOURCES: ResourcePlan = {
  requests: { cpu: '10m', memory: '32Mi' },
  limits: { memory: '64Mi' },
};
const BROKER_RESOURCES: ResourcePlan = {
  requests: { cpu: '100m', memory: '256Mi' },
  limits: { memory: '512Mi' },
};
const busybox = { image: IMAGES.peer, resources: PEER_RESOURCES };

const base = { mountPath: '/shared', sizeLimit: '1Gi', storage: '10Gi' };
const PATTERNS: Record<PatternId, PatternDefaults> = {
  'service-clusterip': {
    ...base,
    render: renderServiceClusterIp,
    workload: 'Deployment',
    replicas: 2,
    options: ['networkPolicy', 'callers', 'gateway', 'tls'],
  },
  'service-headless': {
    ...base,
    render: renderServiceHeadless,
    workload: 'StatefulSet',
    replicas: 3,
    options: ['networkPolicy', 'callers'],
  },
  'pod-localhost': {
    ...base,
    render: renderPodLocalhost,
    workload: 'Deployment',
    replicas: 1,
    peer: busybox,
    options: ['networkPolicy', 'callers'],
  },
  'shared-volume-disk': {
    ...base,
    render: renderSharedVolumeDisk,
    workload: 'Deployment',
    replicas: 1,
    peer: busybox,
    options: ['mountPath', 'sizeLimit', 'networkPolicy', 'callers'],
  },
  'shared-volume-memory': {
    ...base,
    sizeLimit: '64Mi',
    render: renderSharedVolumeMemory,
    workload: 'Deployment',
    replicas: 1,
    peer: busybox,
    options: ['mountPath', 'sizeLimit', 'networkPolicy', 'callers'],
  },
  'unix-socket': {
    ...base,
    render: renderUnixSocket,
    workload: 'Deployment',
    replicas: 1,
    peer: busybox,
    options: ['socketPath', 'networkPolicy', 'callers'],
  },
  'sidecar-proxy': {
    ...base,
    render: renderSidecarProxy,
    workload: 'Deployment',
    replicas: 2,
    options: ['proxy', 'proxyPort', 'socketPath', 'networkPolicy', 'callers', 'gateway', 'tls'],
  },
  'service-mesh': {
    ...base,
    render: renderServiceMesh,
    workload: 'Deployment',
    replicas: 2,
    // The peer is the mesh client the AuthorizationPolicy admits when no callers are named.
    peer: busybox,
    options: ['mesh', 'networkPolicy', 'callers', 'createNamespace', 'route'],
  },
  'shared-pvc': {
    ...base,
    mountPath: '/data',
    render: renderSharedPvc,
    workload: 'Deployment',
    replicas: 2,
    peer: busybox,
    options: ['mountPath', 'storage', 'storageClassName', 'accessMode', 'networkPolicy', 'callers'],
  },
  'message-broker': {
    ...base,
    storage: '1Gi',
    render: renderMessageBroker,
    workload: 'Deployment',
    replicas: 1,
    peer: { image: IMAGES.nats, port: 4222, resources: BROKER_RESOURCES },
    options: ['storage', 'storageClassName', 'networkPolicy', 'callers'],
  },
  'object-storage': {
    ...base,
    render: renderObjectStorage,
    workload: 'Deployment',
    replicas: 1,
    // The default producer and consumer are MinIO's client, mc (see the renderer).
    peer: { image: IMAGES.mc, resources: PEER_RESOURCES },
    options: ['objectStorage', 'storage', 'storageClassName', 'networkPolicy', 'callers'],
  },
  'node-agent': {
    ...base,
    render: renderNodeAgent,
    workload: 'Deployment',
    replicas: 2,
    options: ['networkPolicy', 'callers'],
  },
};

/** Default, per pattern, of the workload kind (the recommendation engine and docs read it). */
export function defaultWorkload(pattern: PatternId): WorkloadKind {
  return PATTERNS[pattern].workload;
}

function planResources(
  input: ContainerInput | undefined,
  defaults: ResourcePlan,
  field: string,
  errors: FieldError[],
): ResourcePlan {
  const requests = { ...defaults.requests, ...(input?.resources?.requests ?? {}) };
  const given = input?.resources?.limits ?? {};
  // A larger request than podwire's default limit lifts the limit with it, unless the caller set one.
  const memoryLimit =
    given.memory ??
    (quantityValue(requests.memory) > quantityValue(defaults.limits.memory)
      ? requests.memory
      : defaults.limits.memory);
  const limits = { ...(given.cpu ? { cpu: given.cpu } : {}), memory: memoryLimit };
  for (const resource of ['cpu', 'memory'] as const) {
    const limit = limits[resource];
    if (limit !== undefined && quantityValue(requests[resource]) > quantityValue(limit)) {
      errors.push({
        field: `${field}.resources.requests.${resource}`,
        message: `must not exceed ${field}.resources.limits.${resource} (${limit})`,
      });
    }
  }
  return { requests, limits };
}

function planContainer(
  input: ContainerInput | undefined,
  defaults: { image: string; port?: number; resources: ResourcePlan },
  defaultImagePort: number | undefined,
  field: string,
  errors: FieldError[],
): ContainerPlan {
  const defaultImage = input?.image === undefined;
  return {
    image: input?.image ?? defaults.image,
    defaultImage,
    port: input?.port ?? (defaultImage ? defaultImagePort : defaults.port),
    command: input?.command,
    args: input?.args,
    resources: planResources(input, defaults.resources, field, errors),
    memoryLimitGiven: input?.resources?.limits?.memory !== undefined,
    field,
  };
}

/**
 * `options.tls` with defaults: the Secret `<name>-tls`, produced by the named issuer, or by a
 * self-signed Issuer of the bundle when the request names neither an issuer nor its own Secret
 * (so the bundle is complete and TLS works once cert-manager runs); a named Secret without an
 * issuer is the caller's, created out of band.
 */
function tlsPlan(name: string, tls: TlsInput | undefined): TlsPlan | undefined {
  if (tls === undefined) return undefined;
  const secretName = tls.secretName ?? `${name}-tls`;
  if (tls.issuer)
    return {
      secretName,
      source: { kind: 'issuer', name: tls.issuer.name, issuerKind: tls.issuer.kind ?? 'Issuer' },
    };
  return { secretName, source: tls.secretName ? { kind: 'existing' } : { kind: 'self-signed' } };
}

/** Fills every default of a request and checks what single-field validation cannot see. */
export function buildContext(request: RenderRequest): RenderContext {
  const defaults = PATTERNS[request.pattern];
  const options = request.options ?? {};
  const errors: FieldError[] = [];
  const notes: string[] = [];
  const app = planContainer(
    request.containers?.app,
    { image: IMAGES.app, port: DEFAULT_CUSTOM_APP_PORT, resources: APP_RESOURCES },
    DEFAULT_APP_IMAGE_PORT,
    'containers.app',
    errors,
  );
  const peer = defaults.peer
    ? planContainer(
        request.containers?.peer,
        defaults.peer,
        defaults.peer.port,
        'containers.peer',
        errors,
      )
    : undefined;
  if (!defaults.peer && request.containers?.peer) {
    notes.push(`containers.peer is ignored: ${request.pattern} has a single party.`);
  }
  const proxyPort = options.proxyPort ?? (app.port === 8080 ? 8081 : 8080);

  const ports: Array<[string, number | undefined]> = [['containers.app.port', app.port]];
  if (request.pattern === 'sidecar-proxy') ports.push(['options.proxyPort', proxyPort]);
  // Parties in separate pods have separate port spaces.
  const separatePods = ['shared-pvc', 'message-broker', 'object-storage', 'service-mesh'];
  if (peer && !separatePods.includes(request.pattern)) {
    ports.push(['containers.peer.port', peer.port]);
  }
  const seen = new Map<number, string>();
  for (const [field, port] of ports) {
    if (port === undefined) continue;
    const other = seen.get(port);
    if (other) {
      errors.push({
        field,
        message: `must differ from ${other} (${port}): containers of one pod share one port space`,
      });
    }
    seen.set(port, field);
  }
  if (errors.length > 0) {
    throw new BadRequestError(
      `Invalid request: ${[...new Set(errors.map((e) => e.field))].join(', ')}.`,
      errors,
    );
  }

  const privileged = ports.filter(([, port]) => port !== undefined && port < 1024);
  if (privileged.length > 0) {
    notes.push(
      `${privileged.map(([field, port]) => `${field} ${port}`).join(', ')}: a non-root process with no capabilities can bind a port below 1024 only where the runtime sets net.ipv4.ip_unprivileged_port_start=0 (containerd 2 and Docker do); prefer a port above 1023.`,
    );
  }
  const ignored = Object.keys(options).filter(
    (k) =>
      !defaults.options.includes(k as keyof typeof options) &&
      options[k as keyof typeof options] !== undefined,
  );
  if (ignored.length > 0) {
    notes.push(
      `options ${ignored.join(', ')} ${ignored.length === 1 ? 'does' : 'do'} not apply to ${request.pattern} and ${ignored.length === 1 ? 'is' : 'are'} ignored.`,
    );
  }
  const kubernetesVersion =
    parseKubernetesVersion(request.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION) ??
    DEFAULT_KUBERNETES_VERSION;
  return {
    pattern: request.pattern,
    name: request.name,
    namespace: request.namespace,
    kubernetesVersion,
    minor: Number(kubernetesVersion.split('.')[1]),
    workload: request.workload ?? defaults.workload,
    replicas: request.replicas ?? defaults.replicas,
    app,
    peer,
    proxy: options.proxy ?? 'nginx',
    proxyPort,
    mountPath: options.mountPath ?? defaults.mountPath,
    sizeLimit: options.sizeLimit ?? defaults.sizeLimit,
    socketPath: options.socketPath ?? '/run/app/app.sock',
    socketPathGiven: options.socketPath !== undefined,
    mesh: options.mesh ?? 'istio',
    storage: options.storage ?? defaults.storage,
    storageClassName: options.storageClassName,
    networkPolicy: options.networkPolicy ?? true,
    accessMode: options.accessMode ?? 'ReadWriteMany',
    objectStorage: {
      mode: options.objectStorage?.mode ?? 'in-cluster',
      endpoint: options.objectStorage?.endpoint,
      bucket: options.objectStorage?.bucket ?? request.name,
      credentialsSecret:
        options.objectStorage?.credentialsSecret ?? `${request.name}-s3-credentials`,
    },
    callers: options.callers ?? [],
    gateway: options.gateway,
    createNamespace: options.createNamespace ?? false,
    route: options.route,
    tls: defaults.options.includes('tls') ? tlsPlan(request.name, options.tls) : undefined,
    notes,
  };
}

/**
 * Multi-document YAML, one document per object, without anchors or folded lines. Written as YAML
 * 1.1, which Kubernetes tooling reads: strings such as `on`, `y` or `e0` (a name!) are then quoted
 * instead of turning into booleans or numbers on the way back.
 */
export function toYaml(objects: readonly K8sObject[]): string {
  return objects
    .map((o) =>
      new Document(o, { aliasDuplicateObjects: false, version: '1.1' }).toString({
        lineWidth: 0,
        singleQuote: true,
      }),
    )
    .join('---\n');
}

/**
 * Renders the manifests for a pattern. Pure: the same request always gives the same output.
 * Throws BadRequestError for conflicting fields and UnprocessableError for a request that is
 * well-formed but cannot work (a classic sidecar in a Job).
 */
export function render(request: RenderRequest): RenderResult {
  const ctx = buildContext(request);
  if (
    ctx.pattern === 'sidecar-proxy' &&
    ctx.workload === 'Job' &&
    ctx.minor < NATIVE_SIDECAR_MINOR
  ) {
    throw new UnprocessableError(
      `A sidecar-proxy Job needs Kubernetes 1.29 or later: before 1.29 native sidecars are off by default, and a proxy running as a regular container never exits, so the Job would never complete. Use kubernetesVersion "1.29" or later, or another workload kind.`,
      [{ field: 'kubernetesVersion', message: 'must be 1.29 or later for a sidecar-proxy Job' }],
    );
  }
  const objects = PATTERNS[ctx.pattern].render(ctx);
  // The mesh renderer says what its policies make of callers itself.
  if (ctx.pattern !== 'service-mesh') callerNotes(ctx);
  if (!ctx.networkPolicy) {
    ctx.notes.push(
      "options.networkPolicy is false: nothing isolates these pods, and podwire's validator will warn (networkpolicy/pod-not-isolated).",
    );
  }
  return { pattern: ctx.pattern, objects, yaml: toYaml(objects), notes: ctx.notes };
}
