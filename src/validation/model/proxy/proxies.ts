import type { JsonPath, ManifestObject, RuleContext } from '../../engine/types.js';
import { modelOf } from '../bundle-model.js';
import type { ContainerInfo, MountInfo, PodTemplate, VolumeInfo } from '../bundle-model.types.js';
import { asArray, asRecord, asString, stringMap } from '../json.js';
import type { ProxyConfig } from './endpoint.js';
import { readEnvoyConfig } from './envoy.js';
import { readNginxConfig } from './nginx.js';
import { serviceRoutes } from '../service-routing.js';
import { isMeshProxy } from '../mesh/sidecars.js';

export type ProxyProduct = 'nginx' | 'envoy' | 'haproxy' | 'traefik' | 'caddy' | 'unknown';

/** The pod template annotation that marks containers (comma-separated names) as proxies. */
export const PROXY_ANNOTATION = 'podwire.dev/proxy';

/** A ConfigMap mounted into a proxy container. */
export interface ProxyConfigSource {
  name: string;
  volume: VolumeInfo;
  mount: MountInfo;
  /** Path (in the pod's object) to the node holding the ConfigMap name. */
  referencePath: JsonPath;
  /** The ConfigMap object, when the bundle has it. */
  configMap?: ManifestObject;
}

/** One configuration file read from a ConfigMap key. */
export interface ProxyConfigFile {
  configMap: ManifestObject;
  key: string;
}

export interface ProxyInfo {
  container: ContainerInfo;
  pod: PodTemplate;
  product: ProxyProduct;
  /** Named by the `podwire.dev/proxy` annotation (rather than only by its image). */
  byAnnotation: boolean;
  sources: ProxyConfigSource[];
  /** The files the configuration was read from (empty when no readable file was found). */
  files: ProxyConfigFile[];
  /** Parsed nginx or Envoy configuration; undefined for other products or when no file was found. */
  config?: ProxyConfig;
}

/**
 * Image base names (last repository segment) of the reverse proxies podwire understands.
 * Ingress controllers (e.g. `ingress-nginx/controller`, `nginx/nginx-ingress`) are deliberately absent.
 */
const IMAGE_PRODUCTS: Readonly<Record<string, ProxyProduct>> = {
  nginx: 'nginx',
  'nginx-unprivileged': 'nginx',
  openresty: 'nginx',
  envoy: 'envoy',
  'envoy-distroless': 'envoy',
  'envoy-alpine': 'envoy',
  'envoy-dev': 'envoy',
  haproxy: 'haproxy',
  'haproxy-alpine': 'haproxy',
  'haproxy-debian': 'haproxy',
  'haproxy-ubuntu': 'haproxy',
  traefik: 'traefik',
  caddy: 'caddy',
};

/** `registry:5000/org/nginx:1.27@sha256:…` → `nginx`. */
export function imageBaseName(image: string): string {
  let ref = image.trim().toLowerCase();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/** The proxy product an image runs, if it is one podwire recognises. */
export function proxyProductOfImage(image: string | undefined): ProxyProduct | undefined {
  if (!image) return undefined;
  const base = imageBaseName(image);
  return Object.prototype.hasOwnProperty.call(IMAGE_PRODUCTS, base)
    ? IMAGE_PRODUCTS[base]
    : undefined;
}

function annotatedProxies(pod: PodTemplate): Set<string> {
  const value = pod.annotations[PROXY_ANNOTATION];
  if (!value) return new Set();
  return new Set(
    value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}

/** ConfigMaps mounted into a container: `configMap` volumes and `projected` configMap sources. */
function configSources(
  ctxModel: ReturnType<typeof modelOf>,
  pod: PodTemplate,
  container: ContainerInfo,
): ProxyConfigSource[] {
  const out: ProxyConfigSource[] = [];
  for (const mount of container.mounts) {
    const volume = pod.volumeByName(mount.name);
    if (!volume) continue;
    const cm = asRecord(volume.raw.configMap);
    const direct = asString(cm?.name);
    if (cm && direct) {
      out.push({
        name: direct,
        volume,
        mount,
        referencePath: [...volume.path, 'configMap', 'name'],
        configMap: ctxModel.find('ConfigMap', pod.namespace, direct),
      });
    }
    asArray(asRecord(volume.raw.projected)?.sources).forEach((item, i) => {
      const name = asString(asRecord(asRecord(item)?.configMap)?.name);
      if (!name) return;
      out.push({
        name,
        volume,
        mount,
        referencePath: [...volume.path, 'projected', 'sources', i, 'configMap', 'name'],
        configMap: ctxModel.find('ConfigMap', pod.namespace, name),
      });
    });
  }
  return out;
}

/** The keys of a ConfigMap that the mount actually puts into the container (`items`, `subPath`). */
function mountedKeys(source: ProxyConfigSource, data: Record<string, string>): string[] {
  let keys = Object.keys(data);
  const cm = asRecord(source.volume.raw.configMap);
  const items = asArray(cm?.items)
    .map((i) => asString(asRecord(i)?.key))
    .filter((k): k is string => k !== undefined);
  if (cm && items.length > 0) keys = keys.filter((k) => items.includes(k));
  if (source.mount.subPath) {
    const sub = source.mount.subPath;
    const item = asArray(cm?.items)
      .map((i) => asRecord(i))
      .find((i) => asString(i?.path) === sub);
    const key = asString(item?.key) ?? sub;
    keys = keys.filter((k) => k === key);
  }
  return keys;
}

/** The file Envoy is started with (`-c`, `--config-path`), to pick the right key among several. */
function envoyConfigPath(container: ContainerInfo): string | undefined {
  const argv = [...asArray(container.raw.command), ...asArray(container.raw.args)].filter(
    (a): a is string => typeof a === 'string',
  );
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if ((a === '-c' || a === '--config-path') && argv[i + 1]) return argv[i + 1];
    const eq = /^(?:-c|--config-path)=(.+)$/.exec(a);
    if (eq) return eq[1];
  }
  return undefined;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function readConfig(
  proxy: ProxyInfo,
  data: (s: ProxyConfigSource) => Record<string, string>,
): void {
  if (proxy.product !== 'nginx' && proxy.product !== 'envoy') return;
  const candidates: Array<ProxyConfigFile & { text: string }> = [];
  for (const source of proxy.sources) {
    if (!source.configMap) continue;
    const d = data(source);
    for (const key of mountedKeys(source, d)) {
      const wanted =
        proxy.product === 'nginx' ? /\.conf$/i.test(key) : /\.(ya?ml|json)$/i.test(key);
      if (wanted) candidates.push({ configMap: source.configMap, key, text: d[key] });
    }
  }
  let chosen = candidates;
  if (proxy.product === 'envoy' && candidates.length > 1) {
    const cfg = envoyConfigPath(proxy.container);
    const match = cfg ? candidates.filter((c) => c.key === basename(cfg)) : [];
    if (match.length > 0) chosen = match;
  }
  if (chosen.length === 0) return;
  proxy.files = chosen.map(({ configMap, key }) => ({ configMap, key }));
  if (proxy.product === 'nginx') {
    proxy.config = readNginxConfig(chosen.map((c) => ({ name: c.key, text: c.text })));
    return;
  }
  const merged: ProxyConfig = { listens: [], upstreams: [], errors: [] };
  for (const c of chosen) {
    const one = readEnvoyConfig(c.text, c.key);
    merged.listens.push(...one.listens);
    merged.upstreams.push(...one.upstreams);
    merged.errors.push(...one.errors);
    merged.admin ??= one.admin;
  }
  proxy.config = merged;
}

const cache = new WeakMap<readonly ManifestObject[], ProxyInfo[]>();

/**
 * A proxy whose configuration an init container writes into an emptyDir it shares with it, the
 * rest coming over xDS at run time (Contour's Envoy DaemonSet: `contour bootstrap` writes
 * /config/envoy.json). That Envoy is the pod's workload, managed by its control plane, not a
 * sidecar in front of an app: the sidecar rules have nothing to say about it. Mesh-injected
 * proxies are mesh sidecars (mesh/sidecars.ts), never reverse proxies here.
 */
function bootstrappedAtRuntime(pod: PodTemplate, container: ContainerInfo): boolean {
  return container.mounts.some((mount) => {
    const volume = pod.volumeByName(mount.name);
    if (volume?.source !== 'emptyDir') return false;
    return volume.mounts.some((m) => m.container.role === 'init' && !m.readOnly);
  });
}

/**
 * Every proxy container of the bundle with its mounted ConfigMaps and parsed configuration.
 * Built once per validation run (several rules share it). Never throws.
 */
export function proxiesOf(ctx: RuleContext): ProxyInfo[] {
  const cached = cache.get(ctx.objects);
  if (cached) return cached;
  const model = modelOf(ctx);
  const proxies: ProxyInfo[] = [];
  for (const pod of model.pods) {
    const annotated = annotatedProxies(pod);
    // An injected istio-proxy / linkerd-proxy belongs to the mesh (DESIGN §10): it is neither a
    // reverse proxy the team configures nor the app that makes an nginx next to it a sidecar.
    const running = pod.containers.filter((c) => c.role !== 'init' && !isMeshProxy(c));
    const products = new Map(running.map((c) => [c, proxyProductOfImage(c.image)]));
    // nginx alone in its pod is a web server, not a sidecar: an image only marks a proxy next to an app
    const hasApp = running.some((c) => products.get(c) === undefined && !annotated.has(c.name));
    for (const container of running) {
      const byImage = products.get(container);
      const byAnnotation = annotated.has(container.name);
      if (!byAnnotation && (!byImage || !hasApp)) continue;
      const sources = configSources(model, pod, container);
      if (!byAnnotation && sources.length === 0 && bootstrappedAtRuntime(pod, container)) continue;
      const proxy: ProxyInfo = {
        container,
        pod,
        product: byImage ?? 'unknown',
        byAnnotation,
        sources,
        files: [],
      };
      try {
        readConfig(proxy, (s) => (s.configMap ? stringMap(s.configMap.raw.data) : {}));
      } catch (e) {
        // the readers never throw; this guards against a bug costing the whole validation
        proxy.config = { listens: [], upstreams: [], errors: [{ message: String(e) }] };
      }
      proxies.push(proxy);
    }
  }
  cache.set(ctx.objects, proxies);
  return proxies;
}

/** The proxies of one pod template. */
export function proxiesIn(ctx: RuleContext, pod: PodTemplate): ProxyInfo[] {
  return proxiesOf(ctx).filter((p) => p.pod === pod);
}

/** Where a finding about a configuration file points: the ConfigMap key that holds it. */
export function configFileLocation(
  proxy: ProxyInfo,
  file: string | undefined,
): { object: ManifestObject; path: JsonPath } | undefined {
  const f = proxy.files.find((x) => x.key === file) ?? proxy.files[0];
  return f ? { object: f.configMap, path: ['data', f.key] } : undefined;
}

/** `default.conf line 5 of ConfigMap web-proxy`. */
export function describeConfigPlace(
  proxy: ProxyInfo,
  at: { file?: string; line?: number },
): string {
  const f = proxy.files.find((x) => x.key === at.file) ?? proxy.files[0];
  const cm = f ? asString(asRecord(f.configMap.raw.metadata)?.name) : undefined;
  const file = at.file ?? f?.key ?? 'configuration';
  return `${file}${at.line !== undefined ? ` line ${at.line}` : ''}${cm ? ` of ConfigMap ${cm}` : ''}`;
}

/**
 * True when a Service of the bundle routes to the proxy: a Service port resolves to a port the
 * proxy container declares, or (numerically) to a port the proxy listens on.
 */
export function isReverseProxy(ctx: RuleContext, proxy: ProxyInfo): boolean {
  const listenPorts = new Set((proxy.config?.listens ?? []).map((l) => l.port));
  return serviceRoutes(modelOf(ctx).servicesSelecting(proxy.pod), proxy.pod).some(
    ({ port, targets }) =>
      targets.some((t) => t.container === proxy.container) ||
      (targets.length === 0 &&
        typeof port.targetPort !== 'string' &&
        listenPorts.has(port.targetPort ?? port.port)),
  );
}
