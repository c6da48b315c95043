import type { Rule } from '../../../engine/types.js';
import { reportSchemaIssues } from '../report-schema-issues.js';

export const schemaMissingRequiredRule: Rule = {
  id: 'schema/missing-required',
  title: 'Required field missing',
  severity: 'error',
  category: 'schema',
  patterns: [],
  description:
    'A field the API of the target Kubernetes release requires is absent or null: for example a container `name`, a Deployment `spec.selector` or `spec.template`, a `containerPort` in a port entry. ' +
    'A container `image` is required too: the API schema marks it optional only so that higher-level tools can fill it in, but the API server rejects a pod or pod template whose container has no image.',
  remediation: 'Add the field named in the message at the location shown.',
  references: [
    'https://kubernetes.io/docs/reference/kubernetes-api/',
    'https://kubernetes.io/docs/concepts/containers/images/',
  ],
  check: (ctx) => reportSchemaIssues(ctx, 'schema/missing-required'),
};
