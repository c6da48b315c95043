import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describePod } from '../../../model/describe.js';
import { deviceVolumeNames } from '../../../model/volumes.js';

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    const devices = deviceVolumeNames(pod);
    for (const volume of pod.volumes) {
      if (volume.mounts.length > 0 || devices.has(volume.name)) continue;
      ctx.report({
        object: pod.object,
        path: [...volume.path, 'name'],
        message: `volume "${volume.name}" (${volume.source || 'no source'}) of ${describePod(pod)} is mounted by no container`,
      });
    }
  }
}

export const volumeUnusedRule: Rule = {
  id: 'volume/unused',
  title: 'Volume mounted by no container',
  severity: 'warning',
  category: 'volume',
  patterns: ['shared-volume-disk', 'shared-volume-memory', 'unix-socket'],
  description:
    'A volume that no container mounts does nothing, except cost: a PVC is still attached, a Secret still fetched. It usually means a volumeMount was forgotten or misspelled, so the containers that should share it do not.',
  remediation: 'Mount the volume in the containers that need it, or remove it.',
  references: ['https://kubernetes.io/docs/concepts/storage/volumes/'],
  check,
};
