import type { ReportFix } from '../../../engine/fix/edit.js';
import type { RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { asArray, asRecord, asString, stringMap } from '../../../model/json.js';
import { nameFix } from '../../../model/missing-references.js';
import type { ProxyConfigSource, ProxyInfo } from '../../../model/proxy/proxies.js';

/** The file names a proxy reads its configuration from (proxies.ts); any key for the others. */
const CONFIG_FILE: Record<string, RegExp> = {
  nginx: /\.conf$/i,
  envoy: /\.(ya?ml|json)$/i,
};

/** True when the ConfigMap, mounted as `source` mounts it, gives the proxy a configuration file. */
function holdsConfig(ctx: RuleContext, proxy: ProxyInfo, source: ProxyConfigSource, name: string) {
  const wanted = CONFIG_FILE[proxy.product];
  if (!wanted) return true;
  const data = modelOf(ctx).configMapData(proxy.pod.namespace, name) ?? {};
  const items = asArray(asRecord(source.volume.raw.configMap)?.items)
    .map((item) => asString(asRecord(item)?.key))
    .filter((key): key is string => key !== undefined);
  const keys = Object.keys(stringMap(data)).filter((k) => items.length === 0 || items.includes(k));
  return keys.some((key) => wanted.test(key));
}

/**
 * Did you mean, for the proxy's ConfigMap: the fix reference/configmap-missing offers for the
 * same reference (one close ConfigMap of the namespace holding the keys asked for), when that
 * ConfigMap also holds the proxy's configuration file, so the fix adds no finding that the proxy
 * has none.
 */
export function configNameFix(
  ctx: RuleContext,
  proxy: ProxyInfo,
  source: ProxyConfigSource,
): ReportFix | undefined {
  const path = source.referencePath.join('/');
  const ref = modelOf(ctx).references.find(
    (r) => r.pod === proxy.pod && r.kind === 'ConfigMap' && r.path.join('/') === path,
  );
  if (!ref) return undefined;
  return nameFix(ctx, 'ConfigMap', ref, (name) => holdsConfig(ctx, proxy, source, name));
}
