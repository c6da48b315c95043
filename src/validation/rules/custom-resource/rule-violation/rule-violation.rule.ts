import type { Rule } from '../../../engine/types.js';
import { reportCustomResourceIssues } from '../report-custom-resource-issues.js';

export const customResourceRuleViolationRule: Rule = {
  id: 'custom-resource/rule-violation',
  title: 'Custom resource that fails a CEL validation rule of its CRD',
  severity: 'error',
  category: 'custom-resource',
  patterns: [],
  description:
    'The `x-kubernetes-validations` CEL rules of the CRD schema are evaluated on the custom resource, with the Kubernetes CEL libraries (lists, strings, regex, quantity, url, ip/cidr, format). A failing rule is reported with its own `message` (or `messageExpression`) at its node, or at its `fieldPath`. ' +
    'Transition rules (using `oldSelf`) only run on update and are skipped. A rule that calls a function podwire lacks, or whose cost exceeds the evaluation budget, is reported as info and not checked; as on the API server, a type error in the object blocks all its rules.',
  remediation:
    'Change the resource so that the rule holds; the message says what the CRD author requires.',
  references: [
    'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation-rules',
    'https://kubernetes.io/docs/reference/using-api/cel/',
  ],
  check: (ctx) => reportCustomResourceIssues(ctx, ['rule', 'unsupported']),
};
