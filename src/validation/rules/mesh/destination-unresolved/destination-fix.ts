import { closeMatch } from '../../../engine/fix/did-you-mean.js';
import type { ReportFix } from '../../../engine/fix/edit.js';
import type { RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { asArray, asRecord, asString } from '../../../model/json.js';
import type { VirtualServiceDestination } from '../../../model/mesh/destinations.js';
import {
  destinationRulesFor,
  resolveHost,
  stringList,
  type HostTarget,
} from '../../../model/mesh/hosts.js';
import { meshResources } from '../../../model/mesh/resources.js';

/** The subset names the DestinationRules for `target`, visible from `from`, define. */
export function subsetNames(ctx: RuleContext, target: HostTarget, from: string): string[] {
  return destinationRulesFor(ctx, target, from)
    .flatMap((rule) => asArray(rule.spec.subsets).map((s) => asString(asRecord(s)?.name)))
    .filter((s): s is string => s !== undefined);
}

/** The host as it would resolve with `name` in its Service-name position, in the same form. */
function withServiceName(host: string, name: string): string {
  const dot = host.indexOf('.');
  return dot < 0 ? name : `${name}${host.slice(dot)}`;
}

/** Hosts spelt like `host` that name a Service of the bundle or a ServiceEntry host. */
function candidateHosts(ctx: RuleContext, host: string, from: string): string[] {
  const parts = host.split('.');
  const out: string[] = [];
  // A Service host is `name`, `name.namespace` or `name.namespace.svc[.<domain>]` (hosts.ts).
  if (parts.length <= 2 || parts[2] === 'svc') {
    const namespace = parts.length === 1 ? from : parts[1];
    for (const service of modelOf(ctx).services) {
      if (service.namespace === namespace) out.push(withServiceName(host, service.name));
    }
  }
  for (const entry of meshResources(ctx).istio('ServiceEntry')) {
    out.push(...stringList(entry.spec.hosts).filter((h) => !h.includes('*')));
  }
  return out;
}

/**
 * Did you mean, for a destination host nothing provides: the one close host (the Service name
 * part respelt, or a ServiceEntry host) that resolves from the VirtualService's namespace with the
 * destination's port and subset, so the fixed destination has endpoints.
 */
export function hostFix(
  ctx: RuleContext,
  d: VirtualServiceDestination,
  host: string,
): ReportFix | undefined {
  const from = d.virtualService.namespace;
  const fits = candidateHosts(ctx, host, from).filter((candidate) => {
    const target = resolveHost(ctx, candidate, from).target;
    if (!target) return false;
    if (d.port !== undefined && target.ports.length > 0) {
      if (!target.ports.some((p) => p.number === d.port)) return false;
    }
    return d.subset === undefined || subsetNames(ctx, target, from).includes(d.subset);
  });
  const match = closeMatch(host, fits);
  if (match === undefined) return undefined;
  return {
    description: `Change host "${host}" to "${match}", a host the bundle provides`,
    safety: 'safe',
    edits: [{ set: [...d.path, 'host'], value: match }],
  };
}

/** Did you mean, for a subset: the one close subset name a DestinationRule for the host defines. */
export function subsetFix(
  d: VirtualServiceDestination,
  subset: string,
  defined: readonly string[],
): ReportFix | undefined {
  const match = closeMatch(subset, defined);
  if (match === undefined) return undefined;
  return {
    description: `Change subset "${subset}" to "${match}", a subset the DestinationRule defines`,
    safety: 'safe',
    edits: [{ set: [...d.path, 'subset'], value: match }],
  };
}
