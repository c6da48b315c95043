import type { Rule, RuleContext } from '../../../engine/types.js';
import { describeContainer, describeObject } from '../../../model/describe.js';
import { asRecord, asString } from '../../../model/json.js';
import { type ProxyInfo, proxiesOf } from '../../../model/proxy/proxies.js';
import { configNameFix } from './config-fix.js';

/** Traefik is usually configured by flags and labels, so an absent file is no evidence of a fault. */
const FILE_CONFIGURED = new Set(['nginx', 'envoy', 'haproxy', 'caddy', 'unknown']);

const FILE_KEYS: Record<string, string> = {
  nginx: 'a *.conf key',
  envoy: 'a *.yaml, *.yml or *.json key',
};

function checkProxy(ctx: RuleContext, proxy: ProxyInfo): void {
  const who = describeContainer(proxy.container);
  for (const source of proxy.sources) {
    if (source.configMap) continue;
    ctx.report({
      object: proxy.pod.object,
      path: source.referencePath,
      message: `ConfigMap ${source.name} (volume ${source.volume.name}, mounted at ${source.mount.mountPath}) holds the configuration of proxy ${who}, but the bundle has no ConfigMap ${source.name} in namespace ${proxy.pod.namespace}`,
      missingReference: true,
      fix: configNameFix(ctx, proxy, source),
    });
  }
  if (proxy.sources.length === 0) {
    if (!FILE_CONFIGURED.has(proxy.product)) return;
    const unmounted = proxy.pod.volumes.filter(
      (v) => asRecord(v.raw.configMap) && !proxy.container.mounts.some((m) => m.name === v.name),
    );
    const hint =
      unmounted.length > 0
        ? `; volume ${unmounted.map((v) => `${v.name} (ConfigMap ${asString(asRecord(v.raw.configMap)?.name) ?? '?'})`).join(', ')} is declared but not mounted into it`
        : '';
    ctx.report({
      object: proxy.pod.object,
      path: [...proxy.container.path, 'name'],
      message: `proxy ${who} mounts no ConfigMap, so it runs the image's default configuration instead of proxying to the app${hint}`,
    });
    return;
  }
  const wanted = FILE_KEYS[proxy.product];
  const present = proxy.sources.filter((s) => s.configMap);
  if (wanted && proxy.files.length === 0 && present.length === proxy.sources.length) {
    const cm = present[0].configMap!;
    const hasData = asRecord(cm.raw.data) !== undefined;
    ctx.report({
      object: cm,
      path: hasData ? ['data'] : ['metadata', 'name'],
      at: hasData ? 'key' : undefined,
      message: `${describeObject(cm)}, mounted into proxy ${who}, has no ${proxy.product} configuration file (${wanted} among the mounted keys)`,
    });
  }
}

function check(ctx: RuleContext): void {
  for (const proxy of proxiesOf(ctx)) checkProxy(ctx, proxy);
}

export const sidecarConfigMissingRule: Rule = {
  id: 'sidecar/config-missing',
  title: 'Proxy configuration ConfigMap is missing or not mounted',
  severity: 'error',
  category: 'sidecar',
  patterns: ['sidecar-proxy'],
  description:
    "A sidecar proxy gets its configuration from a ConfigMap mounted into it. When that ConfigMap is absent the pod does not start (or starts the image's default site); when no ConfigMap is mounted into the proxy it runs its built-in default configuration and never forwards to the app.",
  remediation:
    'Add the ConfigMap to the bundle (nginx: a *.conf key, Envoy: envoy.yaml) and mount it into the proxy container (not with subPath, which receives no updates); add a checksum annotation to the pod template so changes roll the pods.',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/configmap/#using-configmaps-as-files-from-a-pod',
    'https://kubernetes.io/docs/concepts/storage/volumes/#configmap',
  ],
  check,
};
