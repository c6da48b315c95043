import type { RuleContext } from '../../engine/types.js';
import { modelOf } from '../bundle-model.js';
import type { ServiceInfo } from '../bundle-model.types.js';
import { asArray, asRecord, asString, isPortNumber } from '../json.js';
import { meshResources, type MeshResource } from './resources.js';

/**
 * How an Istio host name resolves to a Service or ServiceEntry of the bundle.
 *
 * A short name (`reviews`) is read relative to the namespace of the resource that holds it
 * (https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination);
 * `reviews.default`, `reviews.default.svc` and `reviews.default.svc.cluster.local` name the
 * Service `reviews` of namespace `default` as Kubernetes DNS does (any cluster domain after
 * `.svc.`). ServiceEntry hosts match exactly or by a leading `*.` wildcard. A target must be
 * visible from the namespace asking: Service annotation `networking.istio.io/exportTo`,
 * ServiceEntry/DestinationRule `spec.exportTo` — `*` everywhere (the default), `.` its own
 * namespace, `~` nowhere, else the namespaces listed
 * (https://istio.io/latest/docs/reference/config/annotations/#NetworkingExportTo).
 */

export interface HostPort {
  number: number;
  name?: string;
}

export type HostTarget =
  | { kind: 'Service'; key: string; service: ServiceInfo; ports: HostPort[] }
  | { kind: 'ServiceEntry'; key: string; entry: MeshResource; host: string; ports: HostPort[] };

export interface HostResolution {
  /** The visible target, if any. */
  target?: HostTarget;
  /** Targets that match by name but are not exported to the asking namespace. */
  hidden: HostTarget[];
}

/** exportTo semantics shared by Services, ServiceEntries, VirtualServices and DestinationRules. */
export function visibleFrom(exportTo: readonly string[], owner: string, from: string): boolean {
  if (exportTo.length === 0) return true;
  return exportTo.some((e) => e === '*' || e === from || (e === '.' && owner === from));
}

function stringList(value: unknown): string[] {
  return asArray(value).filter((v): v is string => typeof v === 'string');
}

function serviceExportTo(service: ServiceInfo): string[] {
  const value = asString(
    asRecord(asRecord(service.object.raw.metadata)?.annotations)?.['networking.istio.io/exportTo'],
  );
  return value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : [];
}

/** `name.namespace[.svc[.<cluster domain>]]` or a short name → [name, namespace]. */
function serviceNameOf(host: string, from: string): [string, string] | undefined {
  const parts = host.split('.');
  if (parts.length === 1) return [parts[0], from];
  if (parts.length === 2) return [parts[0], parts[1]];
  if (parts[2] === 'svc') return [parts[0], parts[1]];
  return undefined;
}

function wildcardMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.startsWith('*.')) return pattern === host;
  return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
}

function entryPorts(entry: MeshResource): HostPort[] {
  return asArray(entry.spec.ports)
    .map((p) => asRecord(p))
    .filter((p) => p !== undefined && isPortNumber(p.number))
    .map((p) => ({ number: p?.number as number, name: asString(p?.name) }));
}

/** Resolves `host` as seen from namespace `from`. Never throws. */
export function resolveHost(ctx: RuleContext, rawHost: string, from: string): HostResolution {
  const host = rawHost.trim().toLowerCase();
  const found: Array<{ target: HostTarget; visible: boolean }> = [];
  const name = serviceNameOf(host, from);
  if (name) {
    for (const service of modelOf(ctx).services) {
      if (service.name !== name[0] || service.namespace !== name[1]) continue;
      found.push({
        target: {
          kind: 'Service',
          key: `Service/${service.namespace}/${service.name}`,
          service,
          ports: service.ports
            .filter((p) => p.port !== undefined)
            .map((p) => ({ number: p.port as number, name: p.name })),
        },
        visible: visibleFrom(serviceExportTo(service), service.namespace, from),
      });
    }
  }
  for (const entry of meshResources(ctx).istio('ServiceEntry')) {
    const hosts = stringList(entry.spec.hosts).map((h) => h.toLowerCase());
    const match = hosts.find((h) => wildcardMatches(h, host));
    if (!match) continue;
    found.push({
      target: {
        kind: 'ServiceEntry',
        key: `ServiceEntry/${entry.namespace}/${entry.name}/${match}`,
        entry,
        host: match,
        ports: entryPorts(entry),
      },
      visible: visibleFrom(stringList(entry.spec.exportTo), entry.namespace, from),
    });
  }
  const visible = found.find((f) => f.visible);
  return {
    target: visible?.target,
    hidden: found.filter((f) => !f.visible).map((f) => f.target),
  };
}

/** The DestinationRules whose host resolves to `target` and that are visible from `from`. */
export function destinationRulesFor(
  ctx: RuleContext,
  target: HostTarget,
  from: string,
): MeshResource[] {
  return meshResources(ctx)
    .istio('DestinationRule')
    .filter((rule) => {
      const host = asString(rule.spec.host);
      if (!host) return false;
      if (!visibleFrom(stringList(rule.spec.exportTo), rule.namespace, from)) return false;
      return resolveHost(ctx, host, rule.namespace).target?.key === target.key;
    });
}

export { stringList };
