import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeContainer } from '../../../model/describe.js';
import { containerSetting } from '../../../model/security-context.js';

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const container of pod.containers) {
      const privileged = containerSetting(container, 'privileged');
      if (privileged.value !== true || !privileged.path) continue;
      ctx.report({
        object: pod.object,
        path: privileged.path,
        message: `${describeContainer(container)} runs privileged: it has every capability and access to the node's devices, so escaping to the node is trivial`,
        // A suggestion (DESIGN §11): what the container does with the node's devices or with
        // capabilities beyond the runtime's default stops working.
        fix: {
          description: `Set privileged: false on container "${container.name}" (what needs the node's devices or extra capabilities then fails: add only those under capabilities.add)`,
          safety: 'suggestion',
          edits: [{ set: privileged.path, value: false }],
        },
      });
    }
  }
}

export const containerPrivilegedRule: Rule = {
  id: 'container/privileged',
  title: 'Privileged container',
  severity: 'error',
  category: 'container',
  patterns: [],
  description:
    "A privileged container runs with all Linux capabilities and access to the node's devices; it is effectively root on the node. Init containers and sidecars count too. Pod Security Standards baseline forbids it.",
  remediation:
    'Remove `privileged: true`; add only the specific capability needed (e.g. NET_BIND_SERVICE) under securityContext.capabilities.add.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  check,
};
