import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { isEmptySelector } from '../../../model/selectors.js';
import { valueAt } from '../../../model/json.js';

function check(ctx: RuleContext): void {
  for (const policy of modelOf(ctx).networkPolicies) {
    if (policy.pods.length > 0) continue;
    const selector = valueAt(policy.object.raw, policy.podSelectorPath);
    // `{}` is a namespace-wide policy (e.g. default deny): meaningful even without pods in the bundle
    if (selector === undefined || selector === null || isEmptySelector(selector)) continue;
    ctx.report({
      object: policy.object,
      path: policy.podSelectorPath,
      message: `the podSelector ${JSON.stringify(selector)} of NetworkPolicy ${policy.name} matches no pod template in namespace ${policy.namespace}: the policy isolates nothing`,
      missingReference: true,
    });
  }
}

export const networkpolicySelectorNoMatchRule: Rule = {
  id: 'networkpolicy/selector-no-match',
  title: 'NetworkPolicy selects no pod',
  severity: 'warning',
  category: 'networkpolicy',
  patterns: [],
  description:
    'A NetworkPolicy applies to the pods its podSelector matches in its namespace. A selector that matches no pod template of the bundle usually means a typo in a label: the pods meant to be protected stay open.',
  remediation:
    "Make the podSelector's matchLabels a subset of the workload's pod template labels (same namespace).",
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
  ],
  check,
};
