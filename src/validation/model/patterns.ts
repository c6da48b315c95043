import { PATTERN_IDS, type PatternId } from '../../catalog/pattern-ids.js';
import { objectLabel } from '../engine/object-key.js';
import type { ManifestObject, PatternDetector, RuleContext } from '../engine/types.js';
import { modelOf } from './bundle-model.js';
import type { BundleModel, ContainerInfo, PodTemplate, VolumeInfo } from './bundle-model.types.js';
import { asArray, asRecord, asString } from './json.js';
import { isMeshProxy, meshOf, namespaceEnrols } from './mesh/sidecars.js';
import { onOneNode } from './colocation.js';
import { imageBaseName, proxiesIn } from './proxy/proxies.js';

export { PATTERN_IDS, type PatternId };

export interface DetectedPattern {
  pattern: PatternId;
  /** `Kind/namespace/name` (`Kind/name` for cluster-scoped objects), in bundle order. */
  objects: string[];
}

/** The defining structure of each pattern: what `pattern/not-implemented` says is missing. */
export const PATTERN_STRUCTURE: Readonly<Record<PatternId, string>> = {
  'service-clusterip':
    'a ClusterIP Service whose selector matches the pod template of a workload in the bundle',
  'service-headless':
    'a headless Service (clusterIP: None) named by the serviceName of a StatefulSet in the bundle',
  'pod-localhost':
    'a pod template with two long-running containers, one reaching a port of the other over localhost/127.0.0.1',
  'shared-volume-disk':
    'an emptyDir volume (on disk) mounted by two or more containers of one pod template',
  'shared-volume-memory':
    'an emptyDir volume with medium: Memory mounted by two or more containers of one pod template',
  'unix-socket':
    'an emptyDir volume mounted by two or more containers of one pod template that carries a Unix socket (a unix: or *.sock path under the mount)',
  'sidecar-proxy':
    'a pod template with a reverse proxy container (nginx, envoyproxy/envoy, haproxy, traefik, caddy, or named by podwire.dev/proxy) next to the app container',
  'service-mesh':
    'mesh enrolment: an injected istio-proxy or linkerd-proxy container, Istio injection or ambient labels (sidecar.istio.io/inject, istio-injection, istio.io/rev, istio.io/dataplane-mode), linkerd.io/inject, or a PeerAuthentication',
  'shared-pvc':
    'a PersistentVolumeClaim with ReadWriteMany mounted by several workloads (or replicas)',
  'message-broker':
    'a message broker workload (e.g. NATS, Kafka, RabbitMQ image) with a Service in front of it',
  'object-storage':
    'an S3-compatible store (a MinIO image) with a Service in front of it, or a workload given an S3 endpoint (S3_ENDPOINT, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_S3, MINIO_ENDPOINT) and its access key from a Secret',
  'node-agent':
    "a DaemonSet whose pods mount the node's log directory (hostPath /var/log, /var/log/pods or /var/log/containers) read-only",
};

export { objectLabel };

const longRunning = (c: ContainerInfo): boolean => c.role === 'container' || c.role === 'sidecar';

/** Volumes of a pod that two or more distinct containers mount. */
function sharedVolumes(pod: PodTemplate): VolumeInfo[] {
  return pod.volumes.filter((v) => new Set(v.mounts.map((m) => m.container)).size >= 2);
}

function isEmptyDir(v: VolumeInfo): boolean {
  return v.raw.emptyDir !== undefined;
}

function isMemory(v: VolumeInfo): boolean {
  return asRecord(v.raw.emptyDir)?.medium === 'Memory';
}

/** Strings a container is started with: command, args, literal env values. */
function containerStrings(c: ContainerInfo): string[] {
  const out = [...asArray(c.raw.command), ...asArray(c.raw.args)].filter(
    (s): s is string => typeof s === 'string',
  );
  for (const e of asArray(c.raw.env)) {
    const value = asString(asRecord(e)?.value);
    if (value !== undefined) out.push(value);
  }
  return out;
}

const LOOPBACK_REF = /(?:localhost|127\.0\.0\.1|\[::1\]):(\d{1,5})/g;

/** A non-proxy container reaching a sibling over loopback (a proxy doing so is sidecar-proxy). */
function usesLocalhost(ctx: RuleContext, pod: PodTemplate): boolean {
  const proxies = new Set(proxiesIn(ctx, pod).map((p) => p.container));
  const running = pod.containers.filter(longRunning);
  if (running.length < 2) return false;
  for (const c of running) {
    if (proxies.has(c)) continue;
    for (const s of containerStrings(c)) {
      for (const m of s.matchAll(LOOPBACK_REF)) {
        const port = Number(m[1]);
        if (!c.ports.some((p) => p.containerPort === port)) return true;
      }
    }
  }
  return false;
}

function carriesSocket(ctx: RuleContext, pod: PodTemplate, v: VolumeInfo): boolean {
  if (/sock/i.test(v.name) || v.mounts.some((m) => /sock/i.test(m.mountPath))) return true;
  const paths = v.mounts.map((m) => m.mountPath.replace(/\/+$/, '')).filter((p) => p !== '');
  const under = (s: string): boolean => paths.some((p) => s.includes(`${p}/`));
  const strings = pod.containers.flatMap(containerStrings);
  if (strings.some((s) => under(s) && /(\.sock(et)?\b|unix:)/.test(s))) return true;
  return proxiesIn(ctx, pod).some((p) =>
    [...(p.config?.upstreams ?? []), ...(p.config?.listens ?? [])].some(
      (e) => e.unixPath !== undefined && under(e.unixPath),
    ),
  );
}

const BROKER_IMAGES = new Set([
  'nats',
  'nats-server',
  'kafka',
  'cp-kafka',
  'cp-server',
  'apache-kafka',
  'redpanda',
  'rabbitmq',
  'activemq',
  'activemq-artemis',
  'artemis',
  'pulsar',
  'pulsar-all',
  'emqx',
  'eclipse-mosquitto',
  'mosquitto',
  'nsqd',
  'nsq',
]);
/** Operator-managed brokers (Strimzi, RabbitMQ cluster operator, NACK/NATS operator). */
const BROKER_KINDS = new Set(['Kafka', 'RabbitmqCluster', 'NatsCluster']);

function isBroker(pod: PodTemplate): boolean {
  return pod.containers.some(
    (c) => longRunning(c) && c.image !== undefined && BROKER_IMAGES.has(imageBaseName(c.image)),
  );
}

const OBJECT_STORE_IMAGES = new Set(['minio', 'seaweedfs', 'garage']);
const S3_ENDPOINT_VARS = new Set([
  'S3_ENDPOINT',
  'S3_ENDPOINT_URL',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_S3',
  'AWS_S3_ENDPOINT',
  'MINIO_ENDPOINT',
]);

function isObjectStore(pod: PodTemplate): boolean {
  return pod.containers.some(
    (c) =>
      longRunning(c) && c.image !== undefined && OBJECT_STORE_IMAGES.has(imageBaseName(c.image)),
  );
}

/** A container told where a bucket is, with its access key from a Secret (not a literal). */
function usesS3(pod: PodTemplate): boolean {
  return pod.containers.some((c) => {
    const env = asArray(c.raw.env).map(asRecord);
    const named = (names: ReadonlySet<string>) =>
      env.some((e) => typeof e?.name === 'string' && names.has(e.name));
    const keyFromSecret = env.some(
      (e) =>
        (e?.name === 'AWS_ACCESS_KEY_ID' || e?.name === 'MINIO_ACCESS_KEY') &&
        asRecord(asRecord(e.valueFrom)?.secretKeyRef) !== undefined,
    );
    return named(S3_ENDPOINT_VARS) && keyFromSecret;
  });
}

const LOG_DIRS = ['/var/log', '/var/log/pods', '/var/log/containers'];

/** A DaemonSet pod that reads the node's container logs: every mount of the hostPath read-only. */
function readsNodeLogs(pod: PodTemplate): boolean {
  if (pod.kind !== 'DaemonSet') return false;
  return pod.volumes.some((v) => {
    const path = asString(asRecord(v.raw.hostPath)?.path)?.replace(/\/+$/, '');
    return (
      path !== undefined &&
      LOG_DIRS.includes(path) &&
      v.mounts.length > 0 &&
      v.mounts.every((m) => m.readOnly)
    );
  });
}

class Collector {
  private readonly found = new Map<PatternId, Set<ManifestObject>>();
  add(pattern: PatternId, ...objects: Array<ManifestObject | undefined>): void {
    let set = this.found.get(pattern);
    if (!set) this.found.set(pattern, (set = new Set()));
    for (const o of objects) if (o) set.add(o);
  }
  result(
    order: readonly ManifestObject[],
  ): Array<{ pattern: PatternId; objects: ManifestObject[] }> {
    const index = new Map(order.map((o, i) => [o, i]));
    return PATTERN_IDS.filter((id) => this.found.has(id)).map((pattern) => ({
      pattern,
      objects: [...(this.found.get(pattern) ?? [])].sort(
        (a, b) => (index.get(a) ?? 0) - (index.get(b) ?? 0),
      ),
    }));
  }
}

function detectServices(_ctx: RuleContext, model: BundleModel, out: Collector): void {
  for (const svc of model.services) {
    if (!svc.headless && svc.type === 'ClusterIP' && svc.pods.length > 0) {
      out.add('service-clusterip', svc.object, ...svc.pods.map((p) => p.object));
    }
    if (svc.headless) {
      const sts = model.pods.filter(
        (p) =>
          p.kind === 'StatefulSet' &&
          p.namespace === svc.namespace &&
          asRecord(p.object.raw.spec)?.serviceName === svc.name,
      );
      if (sts.length > 0) out.add('service-headless', svc.object, ...sts.map((p) => p.object));
    }
  }
}

function detectPods(ctx: RuleContext, model: BundleModel, out: Collector): void {
  for (const pod of model.pods) {
    const shared = sharedVolumes(pod).filter(isEmptyDir);
    if (shared.some((v) => !isMemory(v))) out.add('shared-volume-disk', pod.object);
    if (shared.some(isMemory)) out.add('shared-volume-memory', pod.object);
    if (shared.some((v) => carriesSocket(ctx, pod, v))) out.add('unix-socket', pod.object);
    if (usesLocalhost(ctx, pod)) out.add('pod-localhost', pod.object);

    const proxies = proxiesIn(ctx, pod);
    if (
      proxies.some((p) =>
        pod.containers.some(
          (c) =>
            c !== p.container &&
            longRunning(c) &&
            !isMeshProxy(c) &&
            !proxies.some((q) => q.container === c),
        ),
      )
    ) {
      const configMaps = proxies.flatMap((p) => p.sources.map((s) => s.configMap));
      out.add(
        'sidecar-proxy',
        pod.object,
        ...model.servicesSelecting(pod).map((s) => s.object),
        ...configMaps,
      );
    }

    const mesh = meshOf(ctx, pod);
    if (mesh) out.add('service-mesh', pod.object, mesh.namespace);

    if (isBroker(pod)) {
      const services = model.servicesSelecting(pod);
      if (services.length > 0)
        out.add('message-broker', pod.object, ...services.map((s) => s.object));
    }

    if (isObjectStore(pod)) {
      const services = model.servicesSelecting(pod);
      if (services.length > 0)
        out.add('object-storage', pod.object, ...services.map((s) => s.object));
    }
    if (usesS3(pod)) out.add('object-storage', pod.object);
    if (readsNodeLogs(pod)) out.add('node-agent', pod.object);
  }
}

function detectPvcs(_ctx: RuleContext, model: BundleModel, out: Collector): void {
  const users = new Map<string, PodTemplate[]>();
  for (const ref of model.references) {
    if (ref.kind !== 'PersistentVolumeClaim') continue;
    const key = `${ref.pod.namespace}/${ref.name}`;
    const list = users.get(key) ?? [];
    if (!list.includes(ref.pod)) list.push(ref.pod);
    users.set(key, list);
  }
  for (const [key, pods] of users) {
    const [namespace, name] = key.split('/');
    const pvc = model.find('PersistentVolumeClaim', namespace, name);
    const modes = asArray(asRecord(pvc?.raw.spec)?.accessModes);
    const shared = pods.length >= 2 || pods.some((p) => p.replicas > 1);
    // ReadWriteOnce serves several pods only when they are all required onto one node.
    const fits =
      modes.includes('ReadWriteMany') || (modes.includes('ReadWriteOnce') && onOneNode(pods));
    if (shared && fits) out.add('shared-pvc', pvc, ...pods.map((p) => p.object));
  }
}

function detectObjects(ctx: RuleContext, _model: BundleModel, out: Collector): void {
  for (const object of ctx.objects) {
    const kind = object.ref.kind ?? asString(object.raw.kind);
    // An enrolling Namespace is part of the pattern even before a workload lands in it; the pods
    // it enrols (and not those that opt out) are added by detectPods.
    if (kind === 'Namespace' && namespaceEnrols(object)) out.add('service-mesh', object);
    if (
      kind === 'PeerAuthentication' &&
      String(object.raw.apiVersion ?? '').startsWith('security.istio.io/')
    ) {
      out.add('service-mesh', object);
    }
    if (kind && BROKER_KINDS.has(kind)) out.add('message-broker', object);
  }
}

/**
 * The DESIGN §2 patterns the bundle implements with the objects involved (in bundle order): the
 * engine's PatternDetector. Pure; reads the shared bundle model and proxy configurations and never
 * throws on odd input.
 */
export const detectPatternObjects: PatternDetector = (ctx) => {
  const model = modelOf(ctx);
  const out = new Collector();
  for (const detect of [detectServices, detectPods, detectPvcs, detectObjects] as const) {
    try {
      detect(ctx, model, out);
    } catch {
      // one odd object must not cost the response its other patterns
    }
  }
  return out.result(ctx.objects);
};

/** The same as `"Deployment/shop/web"` strings, as the response lists them. */
export function detectPatterns(ctx: RuleContext): DetectedPattern[] {
  return detectPatternObjects(ctx).map((d) => ({
    pattern: d.pattern as PatternId,
    objects: d.objects.map(objectLabel),
  }));
}

/** Patterns whose parties talk through an emptyDir both containers mount. */
export const VOLUME_PATTERNS: ReadonlySet<string> = new Set([
  'shared-volume-disk',
  'shared-volume-memory',
  'unix-socket',
]);

/**
 * Pod templates with two or more containers in which no emptyDir is mounted by two of them: under
 * a volume pattern, the parties cannot exchange anything.
 */
export function podsWithoutSharedVolume(ctx: RuleContext): PodTemplate[] {
  return modelOf(ctx).pods.filter(
    (pod) => pod.containers.length >= 2 && !sharedVolumes(pod).some(isEmptyDir),
  );
}
