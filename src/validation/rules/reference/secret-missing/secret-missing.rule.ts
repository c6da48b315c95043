import type { Rule } from '../../../engine/types.js';
import { checkReferences } from '../../../model/missing-references.js';

export const referenceSecretMissingRule: Rule = {
  id: 'reference/secret-missing',
  title: 'Referenced Secret is not in the bundle',
  severity: 'warning',
  category: 'reference',
  patterns: [],
  description:
    'A pod that references a Secret through a volume, a projected volume, envFrom or env valueFrom does not start until that Secret exists, unless the reference is `optional: true`. Secrets are often created out of band (sealed secrets, external secret operators), hence a warning; a key missing from a Secret that is in the bundle is reported too. With `scope: partial` a missing Secret is reported as info.',
  remediation:
    'Add the Secret (or the object that generates it) to the bundle, fix the name or key, or mark the reference `optional: true`.',
  references: ['https://kubernetes.io/docs/concepts/configuration/secret/#using-a-secret'],
  check: (ctx) => checkReferences(ctx, 'Secret'),
};
