import type { Rule } from '../../../engine/types.js';
import { checkReferences } from '../../../model/missing-references.js';

export const referenceSecretMissingRule: Rule = {
  id: 'reference/secret-missing',
  title: 'Referenced Secret is not in the bundle',
  severity: 'warning',
  category: 'reference',
  patterns: [],
  description:
    'A pod that references a Secret through a volume, a projected volume, envFrom or env valueFrom does not start until that Secret exists, unless the reference is `optional: true`. Secrets are often created out of band (sealed secrets, external secret operators), hence a warning. A cert-manager `Certificate` (cert-manager.io) in the bundle provides the Secret its `spec.secretName` names, in the namespace of the Certificate, with the keys `tls.crt`, `tls.key` and `ca.crt`. A key missing from a Secret in the bundle, or from one a Certificate provides, is reported too. With `scope: partial` a missing Secret is reported as info.',
  remediation:
    'Add the Secret (or the object that generates it) to the bundle, fix the name or key, or mark the reference `optional: true`.',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/secret/#using-a-secret',
    'https://cert-manager.io/docs/concepts/certificate/',
  ],
  check: (ctx) => checkReferences(ctx, 'Secret'),
};
