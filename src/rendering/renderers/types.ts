import { PATTERN_IDS, type PatternId } from '../../catalog/pattern-ids.js';
export { PATTERN_IDS, type PatternId };

/** Kubernetes releases podwire renders for: the service's one list (src/kubernetes/releases.ts). */
export {
  DEFAULT_KUBERNETES_RELEASE as DEFAULT_KUBERNETES_VERSION,
  KUBERNETES_RELEASES as KUBERNETES_VERSIONS,
  type KubernetesRelease as KubernetesVersion,
} from '../../kubernetes/releases.js';

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job', 'Pod'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export const PROXIES = ['nginx', 'envoy'] as const;
export type ProxyKind = (typeof PROXIES)[number];

export const MESHES = ['istio', 'istio-ambient', 'linkerd'] as const;
export type MeshKind = (typeof MESHES)[number];

/** Ports an Istio sidecar or ztunnel claims in every meshed pod; app containers must avoid them. */
export const ISTIO_RESERVED_PORTS: readonly number[] = [
  15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090,
];

export interface ResourceInput {
  requests?: { cpu?: string; memory?: string };
  limits?: { cpu?: string; memory?: string };
}

export interface ContainerInput {
  image?: string;
  port?: number;
  command?: string[];
  args?: string[];
  resources?: ResourceInput;
}

/**
 * One party allowed to call the rendered workload (issue 16, shared by every renderer): a
 * namespace, pod labels, a ServiceAccount, or a combination (all given parts must hold). A
 * NetworkPolicy peer is `namespaceSelector` (kubernetes.io/metadata.name) + `podSelector`; a mesh
 * policy admits the ServiceAccount's identity, or the whole namespace when only that is given.
 */
export interface CallerInput {
  namespace?: string;
  podLabels?: Record<string, string>;
  serviceAccount?: string;
}

/** `options.gateway`: an existing Gateway (and optionally one of its listeners) to route through. */
export interface GatewayInput {
  name: string;
  /** Absent: the Gateway is in the namespace the bundle is applied to. */
  namespace?: string;
  /** The listener name; absent: any listener of the Gateway that admits the route. */
  sectionName?: string;
}

/**
 * `options.route` of service-mesh: a GAMMA HTTPRoute (parent: the app's Service) that the callers'
 * mesh proxies apply. `timeout` bounds the whole request; `retries.attempts` is how many times a
 * failed request is retried after the first try, `perTryTimeout` bounds each try.
 */
export interface MeshRouteInput {
  timeout?: string;
  retries?: { attempts: number; perTryTimeout?: string };
}

export const ISSUER_KINDS = ['Issuer', 'ClusterIssuer'] as const;
export type IssuerKind = (typeof ISSUER_KINDS)[number];

/**
 * TLS for the served port (issue 16): the certificate Secret (`kubernetes.io/tls`, keys tls.crt and
 * tls.key) and, optionally, the cert-manager issuer that produces it through a `Certificate`.
 */
export interface TlsInput {
  secretName?: string;
  issuer?: { name: string; kind?: IssuerKind };
}

export const PVC_ACCESS_MODES = ['ReadWriteMany', 'ReadWriteOnce'] as const;
export type PvcAccessMode = (typeof PVC_ACCESS_MODES)[number];

export const OBJECT_STORAGE_MODES = ['in-cluster', 'external'] as const;
export type ObjectStorageMode = (typeof OBJECT_STORAGE_MODES)[number];

/**
 * object-storage: where the bucket lives. `in-cluster` renders MinIO; `external` only points the
 * parties at `endpoint` (required there) with the credentials of `credentialsSecret`.
 */
export interface ObjectStorageInput {
  mode?: ObjectStorageMode;
  endpoint?: string;
  bucket?: string;
  credentialsSecret?: string;
}

/** A render request as the API takes it (DESIGN §4); everything but `pattern` and `name` optional. */
export interface RenderRequest {
  pattern: PatternId;
  name: string;
  namespace?: string;
  /** `1.31`, `1.31.4`, `v1.31` or `v1.31.4` (normalised by render). */
  kubernetesVersion?: string;
  workload?: WorkloadKind;
  replicas?: number;
  containers?: { app?: ContainerInput; peer?: ContainerInput };
  options?: {
    proxy?: ProxyKind;
    proxyPort?: number;
    mountPath?: string;
    sizeLimit?: string;
    socketPath?: string;
    mesh?: MeshKind;
    storage?: string;
    storageClassName?: string;
    networkPolicy?: boolean;
    /** Who may call the workload; absent: any pod (the NetworkPolicy admits all sources). */
    callers?: CallerInput[];
    /** service-clusterip, sidecar-proxy: add an HTTPRoute from this Gateway to the Service. */
    gateway?: GatewayInput;
    /** service-mesh: render the Namespace (labelled for the mesh); default false (GitOps owns it). */
    createNamespace?: boolean;
    /** service-mesh: timeouts and retries on a GAMMA HTTPRoute. */
    route?: MeshRouteInput;
    /** sidecar-proxy: the proxy terminates TLS; service-clusterip: the app serves TLS itself. */
    tls?: TlsInput;
    objectStorage?: ObjectStorageInput;
    /** shared-pvc: ReadWriteOnce co-locates the pods on one node (no RWX storage needed). */
    accessMode?: PvcAccessMode;
  };
}

/** A Kubernetes object as plain JSON. */
export type K8sObject = Record<string, unknown> & { apiVersion: string; kind: string };

export interface RenderResult {
  pattern: PatternId;
  objects: K8sObject[];
  /** Multi-document YAML of `objects`, no anchors. */
  yaml: string;
  notes: string[];
}
