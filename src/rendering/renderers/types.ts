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
    objectStorage?: ObjectStorageInput;
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
