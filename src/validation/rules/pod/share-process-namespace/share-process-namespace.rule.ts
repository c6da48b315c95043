import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describePod } from '../../../model/describe.js';

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    if (pod.spec.shareProcessNamespace !== true) continue;
    const names = pod.containers.filter((c) => c.role !== 'init').map((c) => `"${c.name}"`);
    ctx.report({
      object: pod.object,
      path: [...pod.specPath, 'shareProcessNamespace'],
      message: `${describePod(pod)} shares one process namespace: the processes of containers ${names.join(', ')} and their files (through /proc/<pid>/root) are visible to each other, and the app no longer runs as PID 1`,
    });
  }
}

export const podShareProcessNamespaceRule: Rule = {
  id: 'pod/share-process-namespace',
  title: 'Containers of the pod share one process namespace',
  severity: 'info',
  category: 'pod',
  patterns: [],
  description:
    'With `shareProcessNamespace: true` every container sees the processes of the others and can read their filesystems through /proc/<pid>/root, so secrets are protected only by Unix permissions, and the application is no longer PID 1 (signal handling changes). It is meant for signalling or debugging, not as a data channel.',
  remediation:
    'Keep it only where a container must signal another (e.g. reload on SIGHUP). Exchange data through a shared emptyDir, a Unix socket or localhost instead.',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/'],
  check,
};
