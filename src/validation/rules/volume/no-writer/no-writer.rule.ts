import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describePod } from '../../../model/describe.js';

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const volume of pod.volumes) {
      // A fresh emptyDir is empty: with no writer the "shared" directory stays empty. Other sources
      // (PVC, hostPath, …) may carry data written elsewhere, and read-only sharing is legitimate.
      if (volume.source !== 'emptyDir') continue;
      const containers = new Set(volume.mounts.map((m) => m.container));
      if (containers.size < 2 || volume.mounts.some((m) => !m.readOnly)) continue;
      const names = [...containers].map((c) => `"${c.name}"`).join(', ');
      ctx.report({
        object: pod.object,
        path: [...volume.path, 'name'],
        message: `emptyDir "${volume.name}" of ${describePod(pod)} is shared by containers ${names}, but every mount is readOnly: nothing can ever be written to it`,
        related: volume.mounts.map((m) => ({
          object: pod.object,
          path: [...m.path, 'readOnly'],
          message: `read-only in container "${m.container.name}"`,
        })),
      });
    }
  }
}

export const volumeNoWriterRule: Rule = {
  id: 'volume/no-writer',
  title: 'Shared volume that no container can write',
  severity: 'error',
  category: 'volume',
  patterns: ['shared-volume-disk', 'shared-volume-memory', 'unix-socket'],
  description:
    'An emptyDir starts empty. When several containers mount it to exchange files (or a Unix socket) and every mount is readOnly, no container can create anything in it and the exchange cannot work. An init container that writes the volume counts as a writer.',
  remediation:
    "Make the producer's mount writable (drop `readOnly: true` there) and keep the consumers read-only.",
  references: ['https://kubernetes.io/docs/concepts/storage/volumes/#emptydir'],
  check,
};
