import type { JsonPath, ManifestObject } from '../engine/types.js';
import type {
  ContainerInfo,
  MountInfo,
  PodTemplate,
  PortInfo,
  VolumeInfo,
} from './bundle-model.types.js';
import { asArray, asRecord, asString, isPortNumber, stringMap } from './json.js';

interface TemplateLocation {
  /** Path to the PodTemplateSpec (metadata + spec); [] for a Pod itself. */
  template: JsonPath;
  replicas: (raw: Record<string, any>) => number;
}

const scaled = (raw: Record<string, any>): number => {
  const replicas = asRecord(raw.spec)?.replicas;
  return typeof replicas === 'number' && replicas >= 0 ? replicas : 1;
};
const parallel = (spec: unknown): number => {
  const parallelism = asRecord(spec)?.parallelism;
  return typeof parallelism === 'number' && parallelism >= 0 ? parallelism : 1;
};

/** Kinds that carry a pod template, and where. DeploymentConfig: OpenShift, same PodTemplateSpec. */
export const POD_TEMPLATE_KINDS: Readonly<Record<string, TemplateLocation>> = {
  Pod: { template: [], replicas: () => 1 },
  Deployment: { template: ['spec', 'template'], replicas: scaled },
  StatefulSet: { template: ['spec', 'template'], replicas: scaled },
  ReplicaSet: { template: ['spec', 'template'], replicas: scaled },
  ReplicationController: { template: ['spec', 'template'], replicas: scaled },
  DeploymentConfig: { template: ['spec', 'template'], replicas: scaled },
  DaemonSet: { template: ['spec', 'template'], replicas: () => Number.POSITIVE_INFINITY },
  Job: { template: ['spec', 'template'], replicas: (raw) => parallel(raw.spec) },
  CronJob: {
    template: ['spec', 'jobTemplate', 'spec', 'template'],
    replicas: (raw) => parallel(asRecord(asRecord(raw.spec)?.jobTemplate)?.spec),
  },
};

function at(raw: unknown, path: JsonPath): unknown {
  // Only mappings are walked: a template path never goes through a list.
  let node: unknown = raw;
  for (const segment of path) {
    const record = asRecord(node);
    if (!record) return undefined;
    node = record[segment as string];
  }
  return node;
}

export function namespaceOf(object: ManifestObject): string {
  return asString(asRecord(object.raw.metadata)?.namespace) || 'default';
}

function readPorts(container: ContainerInfo): PortInfo[] {
  const ports: PortInfo[] = [];
  asArray(container.raw.ports).forEach((item, i) => {
    const port = asRecord(item);
    if (!port || !isPortNumber(port.containerPort)) return;
    ports.push({
      containerPort: port.containerPort,
      name: asString(port.name),
      protocol: asString(port.protocol) ?? 'TCP',
      hostPort: isPortNumber(port.hostPort) ? port.hostPort : undefined,
      path: [...container.path, 'ports', i],
      container,
    });
  });
  return ports;
}

function readMounts(container: ContainerInfo): MountInfo[] {
  const mounts: MountInfo[] = [];
  asArray(container.raw.volumeMounts).forEach((item, i) => {
    const mount = asRecord(item);
    const name = asString(mount?.name);
    if (!mount || name === undefined) return;
    mounts.push({
      name,
      mountPath: asString(mount.mountPath) ?? '',
      readOnly: mount.readOnly === true,
      subPath: asString(mount.subPath) ?? asString(mount.subPathExpr),
      path: [...container.path, 'volumeMounts', i],
      container,
    });
  });
  return mounts;
}

function readContainers(pod: PodTemplate): ContainerInfo[] {
  const containers: ContainerInfo[] = [];
  const lists: Array<['initContainers' | 'containers', boolean]> = [
    ['initContainers', true],
    ['containers', false],
  ];
  for (const [field, init] of lists) {
    asArray(pod.spec[field]).forEach((item, index) => {
      const raw = asRecord(item);
      if (!raw) return;
      const role = !init ? 'container' : raw.restartPolicy === 'Always' ? 'sidecar' : 'init';
      const container: ContainerInfo = {
        name: asString(raw.name) ?? '',
        image: asString(raw.image),
        role,
        index,
        path: [...pod.specPath, field, index],
        ports: [],
        mounts: [],
        raw,
        pod,
      };
      container.ports = readPorts(container);
      container.mounts = readMounts(container);
      containers.push(container);
    });
  }
  return containers;
}

function readVolumes(pod: PodTemplate): VolumeInfo[] {
  const volumes: VolumeInfo[] = [];
  asArray(pod.spec.volumes).forEach((item, index) => {
    const raw = asRecord(item);
    const name = asString(raw?.name);
    if (!raw || name === undefined) return;
    const source = Object.keys(raw).find((key) => key !== 'name') ?? '';
    const mounts = pod.containers.flatMap((c) => c.mounts.filter((m) => m.name === name));
    volumes.push({ name, index, path: [...pod.specPath, 'volumes', index], source, raw, mounts });
  });
  return volumes;
}

export function podTemplateOf(object: ManifestObject): PodTemplate | undefined {
  const kind = object.ref.kind ?? asString(object.raw.kind);
  if (!kind || !Object.prototype.hasOwnProperty.call(POD_TEMPLATE_KINDS, kind)) return undefined;
  const location = POD_TEMPLATE_KINDS[kind];
  const templatePath = location.template;
  // A template without a spec is still a set of labels Services and policies select; schema
  // rules report the missing spec.
  if (templatePath.length > 0 && !asRecord(at(object.raw, templatePath))) return undefined;
  const spec = asRecord(at(object.raw, [...templatePath, 'spec'])) ?? {};
  const metadata = asRecord(at(object.raw, [...templatePath, 'metadata']));
  const pod: PodTemplate = {
    object,
    kind,
    namespace: namespaceOf(object),
    specPath: [...templatePath, 'spec'],
    metadataPath: [...templatePath, 'metadata'],
    labels: stringMap(metadata?.labels),
    annotations: stringMap(metadata?.annotations),
    replicas: location.replicas(object.raw),
    spec,
    containers: [],
    volumes: [],
    portsByNumber(n, protocol) {
      return pod.containers.flatMap((c) =>
        c.ports.filter(
          (p) => p.containerPort === n && (protocol === undefined || p.protocol === protocol),
        ),
      );
    },
    portsByName(name) {
      return pod.containers.flatMap((c) => c.ports.filter((p) => p.name === name));
    },
    volumeByName(name) {
      return pod.volumes.find((v) => v.name === name);
    },
  };
  pod.containers = readContainers(pod);
  pod.volumes = readVolumes(pod);
  return pod;
}
