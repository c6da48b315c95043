import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describePod } from '../../../model/describe.js';
import { asRecord } from '../../../model/json.js';
import { memoryUnbounded } from '../../../model/volumes.js';

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const volume of pod.volumes) {
      if (!memoryUnbounded(pod, volume)) continue;
      const unlimited = [...new Set(volume.mounts.map((m) => m.container))]
        .filter((c) => asRecord(asRecord(c.raw.resources)?.limits)?.memory === undefined)
        .map((c) => `"${c.name}"`);
      ctx.report({
        object: pod.object,
        path: [...volume.path, 'emptyDir', 'medium'],
        message: `emptyDir "${volume.name}" of ${describePod(pod)} is a tmpfs (medium Memory) without sizeLimit, and container${unlimited.length === 1 ? '' : 's'} ${unlimited.join(', ')} mounting it ha${unlimited.length === 1 ? 's' : 've'} no memory limit: it can grow to the node's allocatable memory, and that memory cannot be reclaimed`,
      });
    }
  }
}

export const volumeMemoryUnboundedRule: Rule = {
  id: 'volume/memory-unbounded',
  title: 'Memory-backed emptyDir without any bound',
  severity: 'error',
  category: 'volume',
  patterns: ['shared-volume-memory'],
  description:
    "An emptyDir with `medium: Memory` is a tmpfs whose files count as the pod's memory. Without sizeLimit it is sized to the pod's memory limit, and without memory limits on the containers to the node's allocatable memory: one writer can exhaust the node, and file pages cannot be reclaimed under pressure.",
  remediation:
    'Always set sizeLimit on a memory-backed emptyDir, and give the mounting containers memory limits that include it.',
  references: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#emptydir',
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#memory-backed-emptydir',
  ],
  check,
};
