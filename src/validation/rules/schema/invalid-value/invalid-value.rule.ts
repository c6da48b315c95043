import type { Rule } from '../../../engine/types.js';
import { reportSchemaIssues } from '../report-schema-issues.js';

export const schemaInvalidValueRule: Rule = {
  id: 'schema/invalid-value',
  title: 'Value outside the allowed set or format',
  severity: 'error',
  category: 'schema',
  patterns: [],
  description:
    'A value has the right type but the API server would reject it: not one of the allowed values (`type: Nodeport`, `protocol: tcp`, `imagePullPolicy: always`), ' +
    'a malformed quantity (`memory: 1.5Gb` instead of `1.5Gi`), a port outside 1-65535, an integer beyond 32 bits, Secret `data` that is not base64, or a timestamp that is not RFC 3339.',
  remediation:
    'Use one of the values listed in the message (enums are case-sensitive). Quantities take the suffixes Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024) or m, k, M, G, T, P, E (powers of 1000); put plain-text secrets under `stringData`.',
  references: [
    'https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/',
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#resource-units-in-kubernetes',
    'https://kubernetes.io/docs/concepts/configuration/secret/',
  ],
  check: (ctx) => reportSchemaIssues(ctx, 'schema/invalid-value'),
};
