import type { ManifestObject, RuleContext } from '../../engine/types.js';
import { modelOf } from '../bundle-model.js';
import type { ContainerInfo, PodTemplate } from '../bundle-model.types.js';
import { asRecord, asString, stringMap } from '../json.js';

/**
 * Which mesh a pod template belongs to, read as the meshes' admission webhooks read it.
 *
 * Sources (checked 2026-12):
 * - Istio sidecar injection — https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/
 *   and https://istio.io/v1.7/docs/ops/configuration/mesh/injection-concepts/: the namespace label
 *   `istio-injection=enabled|disabled` or `istio.io/rev=<revision>`, the pod label (older releases:
 *   annotation) `sidecar.istio.io/inject: "true"|"false"`; "false"/"disabled" on either wins; pods
 *   with `hostNetwork: true` and pods in kube-system/kube-public are never injected. The injected
 *   containers are `istio-init` (init) and `istio-proxy` (image `istio/proxyv2`; an init container
 *   with `restartPolicy: Always` when native sidecars are on).
 * - Istio ambient — https://istio.io/latest/docs/ambient/usage/add-workloads: the label
 *   `istio.io/dataplane-mode=ambient` on the namespace or the pod (`none` on a pod opts it out); no
 *   container is added, and a pod that also has a sidecar is served by the sidecar
 *   (https://istio.io/latest/docs/ambient/migrate/enable-ambient-mode/).
 * - Linkerd — https://linkerd.io/2/features/proxy-injection/: the annotation
 *   `linkerd.io/inject: enabled` on the namespace or the pod template (`ingress` is the ingress
 *   flavour); `linkerd.io/inject: disabled` on the pod overrides the namespace. The injected
 *   containers are `linkerd-init` (init) and `linkerd-proxy` (image `cr.l5d.io/linkerd/proxy`).
 */

export type MeshKind = 'istio' | 'istio-ambient' | 'linkerd';

export interface MeshEnrolment {
  mesh: MeshKind;
  /** 'container': the proxy is already in the template (manual injection, `linkerd inject --manual`). */
  via: 'container' | 'pod' | 'namespace';
  /** The injected proxy container, when the template already holds it. */
  container?: ContainerInfo;
  /** The Namespace object of the bundle whose label or annotation enrols the pod. */
  namespace?: ManifestObject;
}

const ISTIO_CONTAINERS = new Set(['istio-proxy', 'istio-init']);
const LINKERD_CONTAINERS = new Set(['linkerd-proxy', 'linkerd-init']);

/** `docker.io/istio/proxyv2:1.24.0` → ['docker.io', 'istio', 'proxyv2']. */
function imageSegments(image: string): string[] {
  let ref = image.trim().toLowerCase();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  return ref.split('/');
}

/** The mesh whose injected container this is (by container name or proxy image), if any. */
export function meshOfContainer(
  container: Pick<ContainerInfo, 'name' | 'image'>,
): MeshKind | undefined {
  if (ISTIO_CONTAINERS.has(container.name)) return 'istio';
  if (LINKERD_CONTAINERS.has(container.name)) return 'linkerd';
  if (!container.image) return undefined;
  const segments = imageSegments(container.image);
  const base = segments[segments.length - 1];
  const repo = segments.slice(0, -1);
  // istio/proxyv2, gcr.io/istio-release/proxyv2; cr.l5d.io/linkerd/proxy, ghcr.io/linkerd/proxy
  if (base === 'proxyv2' && repo.some((s) => s.startsWith('istio'))) return 'istio';
  if ((base === 'proxy' || base === 'proxy-init') && repo.some((s) => s.startsWith('linkerd')))
    return 'linkerd';
  return undefined;
}

/** True for a container the mesh injects: it is the mesh's, not a reverse proxy the team runs. */
export function isMeshProxy(container: Pick<ContainerInfo, 'name' | 'image'>): boolean {
  return meshOfContainer(container) !== undefined;
}

const NEVER_INJECTED = new Set(['kube-system', 'kube-public']);

function namespaceValues(namespace: ManifestObject | undefined): {
  labels: Record<string, string>;
  annotations: Record<string, string>;
} {
  const metadata = asRecord(namespace?.raw.metadata);
  return { labels: stringMap(metadata?.labels), annotations: stringMap(metadata?.annotations) };
}

/** Istio reads the pod label first and, for older installs, the annotation. */
function podIstioInject(pod: PodTemplate): string | undefined {
  return pod.labels['sidecar.istio.io/inject'] ?? pod.annotations['sidecar.istio.io/inject'];
}

function istioSidecar(
  pod: PodTemplate,
  ns: ReturnType<typeof namespaceValues>,
): 'pod' | 'namespace' | undefined {
  const podValue = podIstioInject(pod);
  const nsValue = ns.labels['istio-injection'];
  if (podValue === 'false' || nsValue === 'disabled') return undefined;
  if (podValue === 'true' || (pod.labels['istio.io/rev'] ?? '') !== '') return 'pod';
  if (nsValue === 'enabled' || (ns.labels['istio.io/rev'] ?? '') !== '') return 'namespace';
  return undefined;
}

function istioAmbient(
  pod: PodTemplate,
  ns: ReturnType<typeof namespaceValues>,
): 'pod' | 'namespace' | undefined {
  const podValue = pod.labels['istio.io/dataplane-mode'];
  if (podValue === 'none') return undefined;
  if (podValue === 'ambient') return 'pod';
  return ns.labels['istio.io/dataplane-mode'] === 'ambient' ? 'namespace' : undefined;
}

function linkerdInjected(
  pod: PodTemplate,
  ns: ReturnType<typeof namespaceValues>,
): 'pod' | 'namespace' | undefined {
  const enabled = (v: string | undefined): boolean => v === 'enabled' || v === 'ingress';
  const podValue = pod.annotations['linkerd.io/inject'];
  if (podValue === 'disabled') return undefined;
  if (enabled(podValue)) return 'pod';
  return enabled(ns.annotations['linkerd.io/inject']) ? 'namespace' : undefined;
}

/**
 * The mesh that serves a pod template: its injected proxy when the template holds one, else the
 * injection (or ambient) labels and annotations of the pod and of its Namespace when the bundle
 * has it. Pure; never throws on odd input.
 */
export function meshEnrolmentOf(
  pod: PodTemplate,
  namespace: ManifestObject | undefined,
): MeshEnrolment | undefined {
  const injected =
    pod.containers.find((c) => c.role !== 'init' && isMeshProxy(c)) ??
    pod.containers.find((c) => isMeshProxy(c));
  if (injected) {
    const mesh = meshOfContainer(injected) as MeshKind;
    return { mesh, via: 'container', container: injected };
  }
  // Neither webhook touches pods on the host network (Istio's injection security rules).
  if (asRecord(pod.spec)?.hostNetwork === true) return undefined;
  const ns = namespaceValues(namespace);
  const enrol = (
    mesh: MeshKind,
    via: 'pod' | 'namespace' | undefined,
  ): MeshEnrolment | undefined =>
    via ? { mesh, via, ...(via === 'namespace' ? { namespace } : {}) } : undefined;
  if (!NEVER_INJECTED.has(pod.namespace)) {
    const sidecar = enrol('istio', istioSidecar(pod, ns));
    if (sidecar) return sidecar;
  }
  return (
    enrol('linkerd', linkerdInjected(pod, ns)) ?? enrol('istio-ambient', istioAmbient(pod, ns))
  );
}

/** True when a Namespace object enrols its pods in a mesh by its labels or annotations. */
export function namespaceEnrols(namespace: ManifestObject): boolean {
  const ns = namespaceValues(namespace);
  return (
    ns.labels['istio-injection'] === 'enabled' ||
    (ns.labels['istio.io/rev'] ?? '') !== '' ||
    ns.labels['istio.io/dataplane-mode'] === 'ambient' ||
    ns.annotations['linkerd.io/inject'] === 'enabled' ||
    ns.annotations['linkerd.io/inject'] === 'ingress'
  );
}

const cache = new WeakMap<readonly ManifestObject[], Map<PodTemplate, MeshEnrolment | undefined>>();

/** The mesh enrolment of every pod template of the bundle, built once per validation run. */
export function meshEnrolments(ctx: RuleContext): Map<PodTemplate, MeshEnrolment | undefined> {
  let map = cache.get(ctx.objects);
  if (map) return map;
  const namespaces = new Map<string, ManifestObject>();
  for (const object of ctx.objects) {
    if ((object.ref.kind ?? asString(object.raw.kind)) !== 'Namespace') continue;
    const name = asString(asRecord(object.raw.metadata)?.name);
    if (name && !namespaces.has(name)) namespaces.set(name, object);
  }
  map = new Map();
  for (const pod of modelOf(ctx).pods) {
    try {
      map.set(pod, meshEnrolmentOf(pod, namespaces.get(pod.namespace)));
    } catch {
      map.set(pod, undefined);
    }
  }
  cache.set(ctx.objects, map);
  return map;
}

/** The mesh enrolment of one pod template. */
export function meshOf(ctx: RuleContext, pod: PodTemplate): MeshEnrolment | undefined {
  return meshEnrolments(ctx).get(pod);
}
