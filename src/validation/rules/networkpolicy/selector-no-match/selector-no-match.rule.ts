import type { JsonPath, Rule, RuleContext } from '../../../engine/types.js';
import type { PodTemplate } from '../../../model/bundle-model.types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { podOwnersIn } from '../../../model/custom-resources.js';
import { describeObject, describeOwners } from '../../../model/describe.js';
import { asRecord } from '../../../model/json.js';
import { selectorValueFix } from '../../selector-fix.js';
import { isEmptySelector } from '../../../model/selectors.js';
import { valueAt } from '../../../model/json.js';

function check(ctx: RuleContext): void {
  const model = modelOf(ctx);
  for (const policy of model.networkPolicies) {
    if (policy.pods.length > 0) continue;
    const selector = valueAt(policy.object.raw, policy.podSelectorPath);
    // `{}` is a namespace-wide policy (e.g. default deny): meaningful even without pods in the bundle
    if (selector === undefined || selector === null || isEmptySelector(selector)) continue;
    const owners = podOwnersIn(ctx, policy.namespace);
    if (owners.length > 0) {
      ctx.report({
        object: policy.object,
        path: policy.podSelectorPath,
        severity: 'info',
        message: `the podSelector ${JSON.stringify(selector)} of NetworkPolicy ${policy.name} matches no pod template of the bundle; ${describeOwners(owners)} in namespace ${policy.namespace} may have an operator create the pods it selects`,
        related: owners.slice(0, 3).map((owner) => ({
          object: owner,
          path: ['metadata', 'name'],
          message: `${describeObject(owner)} may own the selected pods`,
        })),
      });
      continue;
    }
    ctx.report({
      object: policy.object,
      path: policy.podSelectorPath,
      message: `the podSelector ${JSON.stringify(selector)} of NetworkPolicy ${policy.name} matches no pod template in namespace ${policy.namespace}: the policy isolates nothing`,
      missingReference: true,
      fix: matchLabelsFix(
        selector,
        policy.podSelectorPath,
        model.pods.filter((p) => p.namespace === policy.namespace),
      ),
    });
  }
}

/** A label-value did you mean, for a podSelector of matchLabels only (string values). */
function matchLabelsFix(selector: unknown, path: JsonPath, pods: readonly PodTemplate[]) {
  const record = asRecord(selector);
  const labels = asRecord(record?.matchLabels);
  if (!record || !labels || Object.keys(record).some((key) => key !== 'matchLabels'))
    return undefined;
  if (Object.values(labels).some((value) => typeof value !== 'string')) return undefined;
  return selectorValueFix(labels as Record<string, string>, [...path, 'matchLabels'], pods);
}

export const networkpolicySelectorNoMatchRule: Rule = {
  id: 'networkpolicy/selector-no-match',
  title: 'NetworkPolicy selects no pod',
  severity: 'warning',
  category: 'networkpolicy',
  patterns: [],
  description:
    'A NetworkPolicy applies to the pods its podSelector matches in its namespace. A selector that matches no pod template of the bundle usually means a typo in a label: the pods meant to be protected stay open. When custom resources in the same namespace may have an operator create the pods, the finding is only info.',
  remediation:
    "Make the podSelector's matchLabels a subset of the workload's pod template labels (same namespace).",
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
  ],
  check,
};
