import type { Rule } from '../../../engine/types.js';
import { reportSchemaIssues } from '../report-schema-issues.js';

export const schemaUnknownFieldRule: Rule = {
  id: 'schema/unknown-field',
  title: 'Field not defined by the Kubernetes API',
  severity: 'error',
  category: 'schema',
  patterns: [],
  description:
    'The object has a field that the API schema of the target Kubernetes release does not define (a field only a later release has is api/not-yet-available instead), usually a typo (`imagePullPolice`, `spec.templates`) or a field at the wrong level. ' +
    '`kubectl apply --validate=strict` rejects it; with lenient validation the API server drops it silently, so the setting never takes effect.',
  remediation:
    'Fix the spelling or move the field to where the API defines it (the message suggests the closest field). Check `kubectl explain <kind>.<path>`.',
  references: [
    'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
    'https://kubernetes.io/docs/reference/kubernetes-api/',
  ],
  check: (ctx) => reportSchemaIssues(ctx, 'schema/unknown-field'),
};
