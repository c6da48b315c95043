import type { Rule } from '../../../engine/types.js';
import { reportSchemaIssues } from '../report-schema-issues.js';

export const schemaInvalidTypeRule: Rule = {
  id: 'schema/invalid-type',
  title: 'Value of the wrong type',
  severity: 'error',
  category: 'schema',
  patterns: [],
  description:
    'A field holds a value of the wrong JSON type for the API of the target Kubernetes release (`kubernetesVersion`, default 1.36), such as `replicas: "3"` (a string for an integer), `containerPort: "80"`, ' +
    'a number or boolean label value (`version: 1.0`, `enabled: yes` in YAML 1.1), or a list where a map is expected. The API server rejects the object.',
  remediation:
    'Write the value with the type the API expects: unquote numbers meant as integers, quote label and annotation values and env values that look like numbers or booleans.',
  references: [
    'https://kubernetes.io/docs/reference/kubernetes-api/',
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set',
  ],
  check: (ctx) => reportSchemaIssues(ctx, 'schema/invalid-type'),
};
