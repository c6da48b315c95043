import { crdSchemaIssues, isCrd } from '../../../../kubernetes/crd/index.js';
import type { Rule, RuleContext } from '../../../engine/types.js';

function check(ctx: RuleContext): void {
  for (const object of ctx.objects) {
    if (!isCrd(object.raw)) continue;
    for (const issue of crdSchemaIssues(object.raw)) {
      ctx.report(
        issue.at
          ? { object, path: issue.path, message: issue.message, at: issue.at }
          : { object, path: issue.path, message: issue.message },
      );
    }
  }
}

export const crdInvalidSchemaRule: Rule = {
  id: 'crd/invalid-schema',
  title: 'CustomResourceDefinition schema the API server rejects',
  severity: 'error',
  category: 'crd',
  patterns: [],
  description:
    'An apiextensions.k8s.io/v1 CustomResourceDefinition must have a structural `openAPIV3Schema` for every version: every node typed (unless `x-kubernetes-int-or-string` or `x-kubernetes-preserve-unknown-fields`), arrays with `items`, no `uniqueItems` or `$ref`, `x-kubernetes-*` extensions only where they apply (list-map keys scalar and required or defaulted), and `x-kubernetes-validations` rules that compile. ' +
    'The API server refuses any other CRD, so none of its custom resources can be created. podwire then does not validate them against it.',
  remediation:
    'Fix the schema node the finding points at (add the missing `type` or `items`, make list-map keys required, correct the CEL rule). Generators such as controller-gen write structural schemas.',
  references: [
    'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema',
    'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation-rules',
  ],
  check,
};
