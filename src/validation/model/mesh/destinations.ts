import type { JsonPath } from '../../engine/types.js';
import { asArray, asRecord, asString, isPortNumber } from '../json.js';
import type { MeshResource } from './resources.js';

/** One `destination` (or `mirror`) of an Istio VirtualService. */
export interface VirtualServiceDestination {
  virtualService: MeshResource;
  /** Path to the Destination object. */
  path: JsonPath;
  host?: string;
  subset?: string;
  port?: number;
}

/**
 * Every destination a VirtualService routes or mirrors to: `http[].route[].destination`,
 * `http[].mirror`, `http[].mirrors[].destination`, `tcp[]`/`tls[]` `.route[].destination`
 * (https://istio.io/latest/docs/reference/config/networking/virtual-service/).
 */
export function virtualServiceDestinations(vs: MeshResource): VirtualServiceDestination[] {
  const out: VirtualServiceDestination[] = [];
  const add = (node: unknown, path: JsonPath): void => {
    const destination = asRecord(node);
    if (!destination) return;
    const port = asRecord(destination.port)?.number;
    out.push({
      virtualService: vs,
      path,
      host: asString(destination.host),
      subset: asString(destination.subset),
      port: isPortNumber(port) ? port : undefined,
    });
  };
  for (const section of ['http', 'tcp', 'tls'] as const) {
    asArray(vs.spec[section]).forEach((item, i) => {
      const rule = asRecord(item);
      if (!rule) return;
      asArray(rule.route).forEach((route, j) =>
        add(asRecord(route)?.destination, ['spec', section, i, 'route', j, 'destination']),
      );
      if (section !== 'http') return;
      add(rule.mirror, ['spec', section, i, 'mirror']);
      asArray(rule.mirrors).forEach((m, k) =>
        add(asRecord(m)?.destination, ['spec', section, i, 'mirrors', k, 'destination']),
      );
    });
  }
  return out;
}
