import type { Rule, RuleContext } from '../../../engine/types.js';
import { describePod } from '../../../model/describe.js';
import { podsWithoutSharedVolume, VOLUME_PATTERNS } from '../../../model/patterns.js';

function check(ctx: RuleContext): void {
  const pattern = ctx.options.pattern;
  if (!pattern || !VOLUME_PATTERNS.has(pattern)) return;
  for (const pod of podsWithoutSharedVolume(ctx)) {
    const names = pod.containers.map((c) => `"${c.name}"`).join(', ');
    const emptyDirs = pod.volumes.filter((v) => v.raw.emptyDir !== undefined);
    const volume = emptyDirs[0];
    if (volume) {
      const by = volume.mounts.map((m) => `"${m.container.name}"`);
      ctx.report({
        object: pod.object,
        path: [...volume.path, 'name'],
        message: `pattern ${pattern}: no emptyDir of ${describePod(pod)} is mounted by two or more of its containers (${names}); volume ${volume.name} is mounted by ${by.length > 0 ? `only ${by.join(', ')}` : 'no container'}`,
        related: volume.mounts.map((m) => ({
          object: pod.object,
          path: m.path,
          message: `mount in container "${m.container.name}"`,
        })),
      });
    } else {
      ctx.report({
        object: pod.object,
        path: [...pod.specPath, 'containers'],
        at: 'key',
        message: `pattern ${pattern}: ${describePod(pod)} declares no emptyDir volume for its containers (${names}) to share`,
      });
    }
  }
}

export const volumeNotSharedRule: Rule = {
  id: 'volume/not-shared',
  title: 'No volume shared between the containers',
  severity: 'error',
  category: 'volume',
  patterns: ['shared-volume-disk', 'shared-volume-memory', 'unix-socket'],
  description:
    'In the shared-volume and unix-socket patterns two containers of one pod exchange files (or a socket) through an emptyDir that both mount. Applies only when the request names one of these patterns: a pod whose emptyDir is mounted by a single container has no channel between its containers.',
  remediation:
    'Declare one emptyDir volume (with sizeLimit; medium: Memory for the memory pattern) and add a volumeMount for it to both containers, read-write in the writer.',
  references: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#emptydir',
    'https://kubernetes.io/docs/tasks/access-application-cluster/communicate-containers-same-pod-shared-volume/',
  ],
  check,
};
