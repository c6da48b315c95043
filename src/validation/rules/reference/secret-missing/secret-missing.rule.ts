import type { Rule } from '../../../engine/types.js';
import { checkReferences } from '../../../model/missing-references.js';

export const referenceSecretMissingRule: Rule = {
  id: 'reference/secret-missing',
  title: 'Referenced Secret is not in the bundle',
  severity: 'warning',
  category: 'reference',
  patterns: [],
  description:
    'A pod that references a Secret through a volume, a projected volume, envFrom or env valueFrom does not start until that Secret exists, unless the reference is `optional: true`. Secrets are often created out of band (sealed secrets, external secret operators), hence a warning. A cert-manager `Certificate` (cert-manager.io, or the legacy certmanager.k8s.io) in the bundle provides the Secret its `spec.secretName` names, in the namespace of the Certificate, with the keys `tls.crt`, `tls.key` and `ca.crt`; a `SealedSecret` (bitnami.com) the Secret of its name with the keys of `spec.encryptedData`; an `ExternalSecret` (external-secrets.io) the Secret `spec.target.name` (default: its name) with the keys of `spec.data[].secretKey`, unless its `spec.target.creationPolicy` is `Merge` or `None` (then it creates nothing). Such a Secret is not missing, but it is not in the bundle either: one info per pod says which object produces it ("Secret x … is produced by Certificate y in this bundle"). A Secret that a pod of the bundle may create at run time (its ServiceAccount is granted `create` on secrets by a Role or ClusterRole of the bundle) is reported as info, naming that pod. A key missing from a Secret in the bundle, or from one a Certificate provides, is reported too. With `scope: partial` a missing Secret is reported as info.',
  remediation:
    'Add the Secret (or the object that generates it) to the bundle, fix the name or key, or mark the reference `optional: true`.',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/secret/#using-a-secret',
    'https://cert-manager.io/docs/concepts/certificate/',
    'https://external-secrets.io/latest/guides/ownership-deletion-policy/',
  ],
  check: (ctx) => checkReferences(ctx, 'Secret'),
};
