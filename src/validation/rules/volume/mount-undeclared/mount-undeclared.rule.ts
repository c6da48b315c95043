import { closeMatch } from '../../../engine/fix/did-you-mean.js';
import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeContainer } from '../../../model/describe.js';
import { claimTemplateNames } from '../../../model/volumes.js';

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    const declared = new Set(pod.volumes.map((v) => v.name));
    for (const name of claimTemplateNames(pod)) declared.add(name);
    for (const container of pod.containers) {
      for (const mount of container.mounts) {
        if (declared.has(mount.name)) continue;
        const known = [...declared].map((n) => `"${n}"`).join(', ');
        const meant = closeMatch(mount.name, declared);
        ctx.report({
          object: pod.object,
          path: [...mount.path, 'name'],
          message: `volumeMount "${mount.name}" of ${describeContainer(container)} names a volume the pod does not declare (volumes: ${known || 'none'}): the API server rejects the pod`,
          fix: meant
            ? {
                description: `Change the volumeMount name "${mount.name}" to "${meant}", a volume the pod declares`,
                safety: 'safe',
                edits: [{ set: [...mount.path, 'name'], value: meant }],
              }
            : undefined,
        });
      }
    }
  }
}

export const volumeMountUndeclaredRule: Rule = {
  id: 'volume/mount-undeclared',
  title: 'volumeMount names an undeclared volume',
  severity: 'error',
  category: 'volume',
  patterns: [
    'shared-volume-disk',
    'shared-volume-memory',
    'unix-socket',
    'shared-pvc',
    'sidecar-proxy',
  ],
  description:
    'Every volumeMounts[].name must match a volume in spec.volumes (or, in a StatefulSet, a volumeClaimTemplate). The API server rejects the pod otherwise; a typo here is the usual reason two containers that should share files do not.',
  remediation: 'Declare the volume under spec.volumes, or fix the name in the mount.',
  references: ['https://kubernetes.io/docs/concepts/storage/volumes/'],
  check,
};
