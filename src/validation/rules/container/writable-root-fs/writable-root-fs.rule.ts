import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { containerAnchor, describeContainer } from '../../../model/describe.js';
import { containerSetting } from '../../../model/security-context.js';
import { containerSettingEdit } from '../setting-fix.js';

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const container of pod.containers) {
      const setting = containerSetting(container, 'readOnlyRootFilesystem');
      if (setting.value === true) continue;
      ctx.report({
        object: pod.object,
        ...(setting.path ? { path: setting.path } : containerAnchor(container, 'securityContext')),
        message: `${describeContainer(container)} has a writable root filesystem (readOnlyRootFilesystem is not true): write to mounted volumes instead`,
        // A suggestion (DESIGN §11): a process that writes outside its volumes fails once it is on.
        fix: {
          description: `Set readOnlyRootFilesystem: true on container "${container.name}" (mount an emptyDir wherever it must write)`,
          safety: 'suggestion',
          edits: [containerSettingEdit(container, 'readOnlyRootFilesystem', true)],
        },
      });
    }
  }
}

export const containerWritableRootFsRule: Rule = {
  id: 'container/writable-root-fs',
  title: 'Writable root filesystem',
  severity: 'info',
  category: 'container',
  patterns: [],
  description:
    'A writable root filesystem lets a compromised process modify binaries and configuration inside the container, and writes there vanish with the container anyway. With `readOnlyRootFilesystem: true` the container writes only to volumes it mounts (an emptyDir for /tmp, a shared volume for hand-off files).',
  remediation:
    'Set `securityContext.readOnlyRootFilesystem: true` and mount an emptyDir wherever the process must write (e.g. /tmp, nginx /var/cache/nginx).',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  check,
};
