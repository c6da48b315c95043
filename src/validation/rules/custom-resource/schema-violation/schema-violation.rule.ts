import type { Rule } from '../../../engine/types.js';
import { reportCustomResourceIssues } from '../report-custom-resource-issues.js';

export const customResourceSchemaViolationRule: Rule = {
  id: 'custom-resource/schema-violation',
  title: 'Custom resource that violates its CRD schema',
  severity: 'error',
  category: 'custom-resource',
  patterns: [],
  description:
    'A custom resource is checked against the `openAPIV3Schema` of its served version, from its CustomResourceDefinition in the same bundle or, for Gateway API, Istio, Linkerd policy and cert-manager, from the CRDs podwire ships (a CRD in the bundle wins). ' +
    'As the API server does on create: defaults are applied first, then type, required, enum, format, pattern, bounds, `nullable`, `x-kubernetes-int-or-string`, `x-kubernetes-embedded-resource`, `x-kubernetes-list-type` set/map uniqueness, and unknown fields (pruned by the API server, refused by `kubectl --validate=strict`, the default) unless `x-kubernetes-preserve-unknown-fields`.',
  remediation:
    'Fix the field the finding points at; `kubectl explain <kind>.<path>` on a cluster with the CRD shows what it accepts.',
  references: [
    'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation',
    'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#field-pruning',
    'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#defaulting',
  ],
  check: (ctx) => reportCustomResourceIssues(ctx, ['schema']),
};
