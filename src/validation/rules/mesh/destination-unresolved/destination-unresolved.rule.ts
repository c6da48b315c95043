import type { Rule, RuleContext } from '../../../engine/types.js';
import { describeObject } from '../../../model/describe.js';
import { asArray, asRecord, asString } from '../../../model/json.js';
import { virtualServiceDestinations } from '../../../model/mesh/destinations.js';
import { destinationRulesFor, resolveHost, type HostTarget } from '../../../model/mesh/hosts.js';
import { meshResources } from '../../../model/mesh/resources.js';
import { servicePortFix } from '../../service-port-fix.js';
import { hostFix, subsetFix, subsetNames } from './destination-fix.js';

function describeTarget(target: HostTarget): string {
  return target.kind === 'Service'
    ? describeObject(target.service.object)
    : `${describeObject(target.entry.object)} (host ${target.host})`;
}

function check(ctx: RuleContext): void {
  for (const vs of meshResources(ctx).istio('VirtualService')) {
    for (const d of virtualServiceDestinations(vs)) {
      if (!d.host || d.host.includes('*')) continue;
      const { target, hidden } = resolveHost(ctx, d.host, vs.namespace);
      if (!target) {
        const why =
          hidden.length > 0
            ? `${describeTarget(hidden[0])} has that host but is not exported to namespace ${vs.namespace} (exportTo)`
            : `no Service or ServiceEntry of the bundle provides it (a short name is read in namespace ${vs.namespace})`;
        ctx.report({
          object: vs.object,
          path: [...d.path, 'host'],
          message: `VirtualService ${vs.name} routes to host "${d.host}", but ${why}: Istio has no endpoints for it`,
          missingReference: hidden.length === 0,
          related: hidden.slice(0, 1).map((t) => ({
            object: t.kind === 'Service' ? t.service.object : t.entry.object,
            path: ['metadata', 'name'],
          })),
          // A host that is there but not exported is no typo.
          fix: hidden.length === 0 ? hostFix(ctx, d, d.host) : undefined,
        });
        continue;
      }
      if (
        d.port !== undefined &&
        target.ports.length > 0 &&
        !target.ports.some((p) => p.number === d.port)
      ) {
        ctx.report({
          object: vs.object,
          path: [...d.path, 'port', 'number'],
          message: `VirtualService ${vs.name} routes to port ${d.port} of host "${d.host}", but ${describeTarget(target)} has ports ${target.ports.map((p) => p.number).join(', ')}`,
          related: [
            {
              object: target.kind === 'Service' ? target.service.object : target.entry.object,
              path: target.kind === 'Service' ? ['spec', 'ports'] : ['spec', 'ports'],
            },
          ],
          fix:
            target.kind === 'Service'
              ? servicePortFix(target.service, d.port, [...d.path, 'port', 'number'])
              : undefined,
        });
      }
      if (d.subset === undefined) continue;
      const rules = destinationRulesFor(ctx, target, vs.namespace);
      const names = subsetNames(ctx, target, vs.namespace);
      if (names.includes(d.subset)) continue;
      ctx.report({
        object: vs.object,
        path: [...d.path, 'subset'],
        message:
          rules.length === 0
            ? `VirtualService ${vs.name} routes to subset "${d.subset}" of host "${d.host}", but no DestinationRule of the bundle is for that host: Istio answers 503 (no healthy upstream)`
            : `VirtualService ${vs.name} routes to subset "${d.subset}" of host "${d.host}", but ${rules.map((r) => `DestinationRule ${r.name}`).join(', ')} defines only ${
                rules
                  .flatMap((r) => asArray(r.spec.subsets).map((s) => asString(asRecord(s)?.name)))
                  .filter((s): s is string => s !== undefined)
                  .map((s) => `"${s}"`)
                  .join(', ') || 'no subset'
              }: Istio answers 503 (no healthy upstream)`,
        missingReference: rules.length === 0,
        related: rules.slice(0, 3).map((r) => ({ object: r.object, path: ['spec', 'subsets'] })),
        fix: subsetFix(d, d.subset, names),
      });
    }
  }
}

export const meshDestinationUnresolvedRule: Rule = {
  id: 'mesh/destination-unresolved',
  title: 'VirtualService destination unresolved',
  severity: 'error',
  category: 'mesh',
  patterns: ['service-mesh'],
  description:
    'An Istio VirtualService sends traffic to destination hosts (a Service of the mesh, or a host a ServiceEntry declares), optionally to one port and to a subset that a DestinationRule for that host defines. A host that nothing in the bundle provides (or that is not exported to the VirtualService\'s namespace), a port the Service lacks, or a subset no DestinationRule defines leaves the route without endpoints: callers get 503 "no healthy upstream" (istioctl analyze: IST0101 ReferencedResourceNotFound).',
  remediation:
    "Name the Service as `name`, `name.namespace` or `name.namespace.svc.cluster.local` (a short name is read in the VirtualService's namespace), add a ServiceEntry for an external host, check `exportTo` of the Service or ServiceEntry, use a port the Service declares, and define each routed subset in a DestinationRule for the same host. With scope: partial a missing host or DestinationRule is only info.",
  references: [
    'https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination',
    'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
  ],
  check,
};
