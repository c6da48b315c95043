import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describePod } from '../../../model/describe.js';
import { asRecord } from '../../../model/json.js';
import { emptyDirOf, hasSizeLimit, memoryUnbounded } from '../../../model/volumes.js';

/**
 * 1Gi: far above what the exchange directories, sockets and caches this rule meets need, far
 * below a node's ephemeral storage (tens of GiB), so it stops only a runaway writer, and then
 * the kubelet evicts that one pod rather than the node's. Safe (DESIGN §11). Memory-backed
 * emptyDirs get no fix: their right size depends on the containers' memory limits.
 */
const SIZE_LIMIT = '1Gi';

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const volume of pod.volumes) {
      const emptyDir = emptyDirOf(volume);
      if (!emptyDir || hasSizeLimit(emptyDir)) continue;
      // volume/memory-unbounded reports the worse case already.
      if (memoryUnbounded(pod, volume)) continue;
      const memory = emptyDir.medium === 'Memory';
      ctx.report({
        object: pod.object,
        path: [...volume.path, 'emptyDir'],
        at: asRecord(volume.raw.emptyDir) && Object.keys(emptyDir).length > 0 ? 'key' : undefined,
        message: memory
          ? `emptyDir "${volume.name}" (medium Memory) of ${describePod(pod)} has no sizeLimit: it is bounded only by the containers' memory limits, and files written there compete with the processes for that memory`
          : `emptyDir "${volume.name}" of ${describePod(pod)} has no sizeLimit: it can fill the node's ephemeral storage until pods get evicted`,
        fix: memory
          ? undefined
          : {
              description: `Set sizeLimit: ${SIZE_LIMIT} on emptyDir "${volume.name}" (the kubelet then evicts only this pod if it fills up)`,
              safety: 'safe',
              edits: [
                { insert: [...volume.path, 'emptyDir'], key: 'sizeLimit', value: SIZE_LIMIT },
              ],
            },
      });
    }
  }
}

export const volumeEmptydirUnboundedRule: Rule = {
  id: 'volume/emptydir-unbounded',
  title: 'emptyDir without sizeLimit',
  severity: 'warning',
  category: 'volume',
  patterns: ['shared-volume-disk', 'shared-volume-memory', 'unix-socket'],
  description:
    "A disk-backed emptyDir is carved out of the node's ephemeral storage; without a sizeLimit a runaway writer fills the node and the kubelet starts evicting pods. With sizeLimit the kubelet evicts only the offending pod.",
  remediation: 'Set emptyDir.sizeLimit (e.g. `sizeLimit: 256Mi`) to the most the exchange needs.',
  references: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#emptydir',
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage',
  ],
  check,
};
