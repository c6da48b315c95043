import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { containerAnchor, describeContainer } from '../../../model/describe.js';
import { containerSetting } from '../../../model/security-context.js';
import { containerSettingEdit } from '../setting-fix.js';

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const container of pod.containers) {
      const setting = containerSetting(container, 'allowPrivilegeEscalation');
      if (setting.value === false) continue;
      const anchor = setting.path
        ? { path: setting.path }
        : containerAnchor(container, 'securityContext');
      ctx.report({
        object: pod.object,
        ...anchor,
        message:
          setting.value === true
            ? `${describeContainer(container)} sets allowPrivilegeEscalation: true: a process can gain more privileges than its parent (setuid binaries, file capabilities)`
            : `${describeContainer(container)} does not set allowPrivilegeEscalation: false, so it defaults to allowed: a process can gain more privileges than its parent`,
        // Safe (DESIGN §11): no_new_privs only stops gaining privileges the process did not start with.
        fix: {
          description: `Set allowPrivilegeEscalation: false on container "${container.name}"`,
          safety: 'safe',
          edits: [containerSettingEdit(container, 'allowPrivilegeEscalation', false)],
        },
      });
    }
  }
}

export const containerPrivilegeEscalationRule: Rule = {
  id: 'container/privilege-escalation',
  title: 'Privilege escalation not disabled',
  severity: 'warning',
  category: 'container',
  patterns: [],
  description:
    'Unless `securityContext.allowPrivilegeEscalation` is false, a process in the container can gain more privileges than its parent (no_new_privs is not set), e.g. through setuid binaries. The default is to allow it. Pod Security Standards restricted requires false for every container, init containers and sidecars included.',
  remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  check,
};
