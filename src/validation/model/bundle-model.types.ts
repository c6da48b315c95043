import type { JsonPath, ManifestObject } from '../engine/types.js';

export interface PortInfo {
  containerPort: number;
  name?: string;
  /** Defaults to 'TCP'. */
  protocol: string;
  hostPort?: number;
  /** Path to the port item. */
  path: JsonPath;
  container: ContainerInfo;
}

export interface MountInfo {
  name: string;
  /** '' when absent (schema rules report that). */
  mountPath: string;
  readOnly: boolean;
  subPath?: string;
  /** Path to the volumeMount item. */
  path: JsonPath;
  container: ContainerInfo;
}

export interface ContainerInfo {
  /** '' when absent. */
  name: string;
  image?: string;
  /** 'sidecar': a native sidecar (an init container with restartPolicy Always). */
  role: 'container' | 'init' | 'sidecar';
  /** Index inside its own list (containers or initContainers). */
  index: number;
  path: JsonPath;
  ports: PortInfo[];
  mounts: MountInfo[];
  raw: Record<string, any>;
  pod: PodTemplate;
}

export interface VolumeInfo {
  name: string;
  index: number;
  path: JsonPath;
  /** 'emptyDir' | 'configMap' | 'secret' | 'persistentVolumeClaim' | 'hostPath' | 'projected' | …: first key other than name; '' when none. */
  source: string;
  raw: Record<string, any>;
  mounts: MountInfo[];
}

export interface PodTemplate {
  object: ManifestObject;
  kind: string;
  namespace: string;
  /** ['spec'] for Pod, ['spec','template','spec'], ['spec','jobTemplate','spec','template','spec']. */
  specPath: JsonPath;
  metadataPath: JsonPath;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** 1 by default; DaemonSet: Infinity (one per node); Job/CronJob: parallelism. */
  replicas: number;
  spec: Record<string, any>;
  /** All roles, in order: init containers (incl. native sidecars), then regular containers. */
  containers: ContainerInfo[];
  volumes: VolumeInfo[];
  portsByNumber(n: number, protocol?: string): PortInfo[];
  portsByName(name: string): PortInfo[];
  volumeByName(name: string): VolumeInfo | undefined;
}

export interface ServicePortInfo {
  port?: number;
  targetPort?: number | string;
  name?: string;
  protocol: string;
  path: JsonPath;
  index: number;
}

export interface ServiceInfo {
  object: ManifestObject;
  namespace: string;
  name: string;
  /** Defaults to 'ClusterIP'. */
  type: string;
  /** spec.clusterIP === 'None'. */
  headless: boolean;
  /** undefined when absent, empty or malformed (Kubernetes then manages no endpoints). */
  selector?: Record<string, string>;
  ports: ServicePortInfo[];
  /** Same namespace, selector ⊆ labels; none without a selector or for ExternalName. */
  pods: PodTemplate[];
}

export interface NetworkPolicyInfo {
  object: ManifestObject;
  namespace: string;
  name: string;
  podSelectorPath: JsonPath;
  /** Effective policy types: explicit spec.policyTypes, else Ingress (+ Egress when spec.egress is set). */
  policyTypes: string[];
  /** matchLabels + matchExpressions; an absent or empty podSelector selects every pod of the namespace. */
  pods: PodTemplate[];
}

export type ReferenceKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';

/** One reference from a pod template to a ConfigMap, Secret or PVC. */
export interface ReferenceInfo {
  kind: ReferenceKind;
  name: string;
  optional: boolean;
  via: 'volume' | 'projected' | 'envFrom' | 'env';
  /** Path to the node that holds the referenced name. */
  path: JsonPath;
  pod: PodTemplate;
  container?: ContainerInfo;
  volume?: VolumeInfo;
}

export interface BundleModel {
  pods: PodTemplate[];
  services: ServiceInfo[];
  networkPolicies: NetworkPolicyInfo[];
  references: ReferenceInfo[];
  servicesSelecting(pod: PodTemplate): ServiceInfo[];
  policiesSelecting(pod: PodTemplate): NetworkPolicyInfo[];
  /** The pod template of a workload object, if it has one. */
  podOf(object: ManifestObject): PodTemplate | undefined;
  find(kind: string, namespace: string, name: string): ManifestObject | undefined;
  /** `data` of a ConfigMap of the bundle (string values only). */
  configMapData(namespace: string, name: string): Record<string, string> | undefined;
}
