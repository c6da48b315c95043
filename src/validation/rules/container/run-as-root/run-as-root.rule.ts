import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { containerAnchor, describeContainer } from '../../../model/describe.js';
import { effectiveSetting, runsAsNonZeroUser } from '../../../model/security-context.js';
import { containerSettingEdit } from '../setting-fix.js';

/** A suggestion (DESIGN §11): an image whose USER is root (or not numeric) then fails to start. */
const NON_ROOT_FIX =
  'Set runAsNonRoot: true (the kubelet then refuses to start a root process; the image needs a non-root, numeric USER or a runAsUser)';

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const container of pod.containers) {
      const user = effectiveSetting(container, 'runAsUser');
      const nonRoot = effectiveSetting(container, 'runAsNonRoot');
      const what = describeContainer(container);
      if (user.value === 0 && user.path) {
        const from = user.level === 'pod' ? ' (inherited from the pod securityContext)' : '';
        ctx.report({
          object: pod.object,
          path: user.path,
          message: `${what} runs as root: runAsUser is 0${from}`,
        });
      } else if (runsAsNonZeroUser(user.value)) {
        // A non-zero runAsUser is the process's UID: it is not root, whatever runAsNonRoot says
        // (runAsNonRoot only makes the kubelet verify it). Kubernetes website's ZooKeeper and
        // Dashboard v2.7 set runAsUser without runAsNonRoot. runAsGroup 0 still gives it the
        // root group (kube-linter run-as-non-root flags that too).
        const group = effectiveSetting(container, 'runAsGroup');
        if (group.value === 0 && group.path) {
          const from = group.level === 'pod' ? ' (inherited from the pod securityContext)' : '';
          ctx.report({
            object: pod.object,
            path: group.path,
            message: `${what} runs as user ${String(user.value)} but in the root group: runAsGroup is 0${from}`,
          });
        }
      } else if (nonRoot.value === false && nonRoot.path) {
        const from = nonRoot.level === 'pod' ? ' (inherited from the pod securityContext)' : '';
        ctx.report({
          object: pod.object,
          path: nonRoot.path,
          message: `${what} sets runAsNonRoot: false${from}: it may run as root`,
          fix: {
            description: NON_ROOT_FIX,
            safety: 'suggestion',
            edits: [{ set: nonRoot.path, value: true }],
          },
        });
      } else if (nonRoot.value !== true) {
        ctx.report({
          object: pod.object,
          ...containerAnchor(container, 'securityContext'),
          message: `neither ${what} nor its pod sets runAsNonRoot: true: it runs as whatever user the image chooses, often root`,
          fix: {
            description: NON_ROOT_FIX,
            safety: 'suggestion',
            edits: [containerSettingEdit(container, 'runAsNonRoot', true)],
          },
        });
      }
    }
  }
}

export const containerRunAsRootRule: Rule = {
  id: 'container/run-as-root',
  title: 'Container may run as root',
  severity: 'warning',
  category: 'container',
  patterns: [],
  description:
    "A container runs as root unless the image says otherwise, and root in a container is one kernel bug away from root on the node. `runAsNonRoot: true` (on the container, or on the pod and not overridden) makes the kubelet refuse to start a root process; `runAsUser: 0` asks for root explicitly; a non-zero `runAsUser` runs the process as that UID, so it is not root either. The container's securityContext overrides the pod's.",
  remediation:
    'Set `runAsNonRoot: true` in the pod securityContext (and a non-zero runAsUser if the image has no numeric USER).',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  ],
  check,
};
