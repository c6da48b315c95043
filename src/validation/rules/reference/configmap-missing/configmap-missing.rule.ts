import type { Rule } from '../../../engine/types.js';
import { checkReferences } from '../../../model/missing-references.js';

export const referenceConfigmapMissingRule: Rule = {
  id: 'reference/configmap-missing',
  title: 'Referenced ConfigMap is not in the bundle',
  severity: 'error',
  category: 'reference',
  patterns: ['sidecar-proxy'],
  description:
    'A pod that references a ConfigMap through a volume, a projected volume, envFrom or env valueFrom does not start (ContainerCreating / CreateContainerConfigError) until that ConfigMap exists, unless the reference is `optional: true`. A key the ConfigMap lacks (valueFrom.configMapKeyRef.key, volume items) fails the same way. With `scope: partial` a missing ConfigMap is reported as info.',
  remediation:
    'Add the ConfigMap to the bundle, fix the name or key, or mark the reference `optional: true` if the pod can run without it.',
  references: ['https://kubernetes.io/docs/concepts/configuration/configmap/#using-configmaps'],
  check: (ctx) => checkReferences(ctx, 'ConfigMap'),
};
