import type {
  CallerInput,
  GatewayInput,
  IssuerKind,
  KubernetesVersion,
  MeshKind,
  MeshRouteInput,
  ObjectStorageMode,
  PatternId,
  ProxyKind,
  PvcAccessMode,
  WorkloadKind,
} from './types.js';

/** Images podwire picks when the request names none: pinned tags, non-root friendly. */
export const IMAGES = {
  /** A small HTTP app with /healthz and /readyz; stands in for the caller's app. */
  app: 'ghcr.io/stefanprodan/podinfo:6.7.1',
  /** Shell tools for the default peer (a client or a reader of shared files). */
  peer: 'busybox:1.37',
  nginx: 'nginxinc/nginx-unprivileged:1.27-alpine',
  envoy: 'envoyproxy/envoy:v1.31.2',
  nats: 'nats:2.10-alpine',
  minio: 'quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z',
  /** MinIO's client: the default producer and consumer of object-storage. */
  mc: 'quay.io/minio/mc:RELEASE.2025-08-13T08-35-41Z',
  /** kubectl alone (no shell): creates the generated MinIO credentials Secret. */
  kubectl: 'registry.k8s.io/kubectl:v1.32.0',
  fluentBit: 'cr.fluentbit.io/fluent/fluent-bit:3.2.2',
} as const;

/** podinfo's default HTTP port. */
export const DEFAULT_APP_IMAGE_PORT = 9898;
/** The port assumed for a caller's own image when the request gives none. */
export const DEFAULT_CUSTOM_APP_PORT = 8080;

export interface ResourcePlan {
  requests: { cpu: string; memory: string };
  limits: { cpu?: string; memory: string };
}

/** One party of the pattern after defaults: what the renderer puts into a container. */
export interface ContainerPlan {
  image: string;
  /** True when podwire chose the image, so its flags and health endpoints are known. */
  defaultImage: boolean;
  port?: number;
  command?: string[];
  args?: string[];
  resources: ResourcePlan;
  /** True when the caller set `resources.limits.memory` (a tmpfs must then fit inside it). */
  memoryLimitGiven: boolean;
  /** Dotted request path of this party, for error messages (`containers.app`). */
  field: string;
}

/** Where the certificate comes from: podwire's own self-signed Issuer, a named issuer, or outside. */
export type TlsSource =
  | { kind: 'self-signed' }
  | { kind: 'issuer'; name: string; issuerKind: IssuerKind }
  | { kind: 'existing' };

export interface TlsPlan {
  secretName: string;
  source: TlsSource;
}

/** A render request with every default filled in; renderers read only this. */
export interface RenderContext {
  pattern: PatternId;
  name: string;
  namespace?: string;
  kubernetesVersion: KubernetesVersion;
  /** Minor version as a number (28 for "1.28"). */
  minor: number;
  workload: WorkloadKind;
  replicas: number;
  app: ContainerPlan;
  /** Present for patterns with a second party. */
  peer?: ContainerPlan;
  proxy: ProxyKind;
  proxyPort: number;
  mountPath: string;
  sizeLimit: string;
  socketPath: string;
  /** True when the request named a socket path (sidecar-proxy then proxies to the socket). */
  socketPathGiven: boolean;
  mesh: MeshKind;
  storage: string;
  storageClassName?: string;
  networkPolicy: boolean;
  /** shared-pvc: `options.accessMode` (default ReadWriteMany). */
  accessMode: PvcAccessMode;
  /** object-storage: `options.objectStorage` with its defaults filled in. */
  objectStorage: {
    mode: ObjectStorageMode;
    endpoint?: string;
    bucket: string;
    credentialsSecret: string;
  };
  /** `options.callers`; empty when the request names none. */
  callers: CallerInput[];
  /** `options.gateway`; undefined when the request names none. */
  gateway?: GatewayInput;
  /** `options.createNamespace` (service-mesh). */
  createNamespace: boolean;
  /** `options.route` (service-mesh). */
  route?: MeshRouteInput;
  /** `options.tls` with defaults; absent: plaintext. */
  tls?: TlsPlan;
  /** Explanations for the caller; renderers append to it. */
  notes: string[];
}
