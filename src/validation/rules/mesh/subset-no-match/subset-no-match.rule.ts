import type { Rule, RuleContext } from '../../../engine/types.js';
import { podLabels } from '../../../model/controller-labels.js';
import { describeObject } from '../../../model/describe.js';
import { asArray, asRecord, asString, stringMap } from '../../../model/json.js';
import { virtualServiceDestinations } from '../../../model/mesh/destinations.js';
import { resolveHost } from '../../../model/mesh/hosts.js';
import { meshResources } from '../../../model/mesh/resources.js';
import { matchesLabelMap } from '../../../model/selectors.js';
import { selectorValueFix } from '../../selector-fix.js';

/**
 * Subsets are versions: `v1.4.3` beside pods at `v1.4.2` is a version not deployed (yet), not a
 * typo, however close. Values that differ only in their digits are no did you mean.
 */
const otherVersion = (from: string, to: string): boolean =>
  from.replace(/\d+/g, '0') === to.replace(/\d+/g, '0');

/** `Service/ns/name` + subset names that a VirtualService of the bundle routes to. */
function routedSubsets(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  for (const vs of meshResources(ctx).istio('VirtualService')) {
    for (const d of virtualServiceDestinations(vs)) {
      if (!d.host || d.subset === undefined) continue;
      const target = resolveHost(ctx, d.host, vs.namespace).target;
      if (target) out.add(`${target.key}#${d.subset}`);
    }
  }
  return out;
}

function check(ctx: RuleContext): void {
  const rules = meshResources(ctx).istio('DestinationRule');
  if (rules.length === 0) return;
  const routed = routedSubsets(ctx);
  for (const rule of rules) {
    const host = asString(rule.spec.host);
    if (!host) continue;
    const target = resolveHost(ctx, host, rule.namespace).target;
    // Only a Service's pods are known; its own selector-no-match says when it has none.
    if (target?.kind !== 'Service' || target.service.pods.length === 0) continue;
    const service = target.service;
    asArray(rule.spec.subsets).forEach((item, i) => {
      const subset = asRecord(item);
      const name = asString(subset?.name);
      const labels = stringMap(subset?.labels);
      if (!name || Object.keys(labels).length === 0) return;
      if (service.pods.some((p) => matchesLabelMap(podLabels(p), labels))) return;
      const isRouted = routed.has(`${target.key}#${name}`);
      const versions = service.pods
        .slice(0, 5)
        .map((p) => `${describeObject(p.object)} ${JSON.stringify(p.labels)}`)
        .join('; ');
      ctx.report({
        object: rule.object,
        path: ['spec', 'subsets', i, 'labels'],
        // A subset no route uses is harmless until one does (bookinfo ships subsets for versions
        // it deploys from other files): say so without warning.
        severity: isRouted ? undefined : 'info',
        message: `subset "${name}" of DestinationRule ${rule.name} selects no pod of ${describeObject(service.object)} (its pods: ${versions})${
          isRouted
            ? ': a VirtualService routes to it, and that traffic gets 503 (no healthy upstream)'
            : '; no VirtualService of the bundle routes to it yet'
        }`,
        missingReference: true,
        related: [{ object: service.object, path: ['spec', 'selector'] }],
        // Only a subset traffic is sent to: an unrouted one may be for pods to come.
        fix: isRouted
          ? selectorValueFix(
              labels,
              ['spec', 'subsets', i, 'labels'],
              service.pods,
              (from, to) => !otherVersion(from, to),
            )
          : undefined,
      });
    });
  }
}

export const meshSubsetNoMatchRule: Rule = {
  id: 'mesh/subset-no-match',
  title: 'DestinationRule subset selects no pod',
  severity: 'warning',
  category: 'mesh',
  patterns: ['service-mesh'],
  description:
    "A DestinationRule subset is the pods of the host's Service that also carry the subset's labels. A subset whose labels match none of the Service's pod templates has no endpoints: traffic a VirtualService sends there fails with 503 (istioctl analyze: IST0173 DestinationRuleSubsetNotSelectPods). A subset no VirtualService of the bundle routes to is reported as info.",
  remediation:
    "Make the subset's labels (usually `version`) match the pod template labels of a workload behind the host's Service, or deploy the missing version. With scope: partial the finding is info.",
  references: [
    'https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset',
    'https://istio.io/latest/docs/reference/config/analysis/ist0173/',
  ],
  check,
};
