import type { Rule } from '../../../engine/types.js';
import { checkReferences } from '../../../model/missing-references.js';

export const referencePvcMissingRule: Rule = {
  id: 'reference/pvc-missing',
  title: 'Referenced PersistentVolumeClaim is not in the bundle',
  severity: 'error',
  category: 'reference',
  patterns: ['shared-pvc'],
  description:
    'A persistentVolumeClaim volume whose claim does not exist keeps the pod Pending ("persistentvolumeclaim not found"). StatefulSet volumeClaimTemplates are created by the controller and are not references. With `scope: partial` a missing claim is reported as info.',
  remediation: 'Add the PersistentVolumeClaim to the bundle or fix claimName.',
  references: ['https://kubernetes.io/docs/concepts/storage/persistent-volumes/#claims-as-volumes'],
  check: (ctx) => checkReferences(ctx, 'PersistentVolumeClaim'),
};
