import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describePod } from '../../../model/describe.js';

const FIELDS: Array<[string, string]> = [
  ['hostPID', "sees and can signal every process of the node (the host's PID namespace)"],
  [
    'hostIPC',
    "shares the node's IPC namespace: System V IPC and POSIX shared memory of the host are visible",
  ],
];

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const [field, effect] of FIELDS) {
      if (pod.spec[field] !== true) continue;
      ctx.report({
        object: pod.object,
        path: [...pod.specPath, field],
        message: `${describePod(pod)} sets ${field}: true and ${effect}`,
      });
    }
  }
}

export const podHostNamespaceRule: Rule = {
  id: 'pod/host-namespace',
  title: "Pod shares the host's PID or IPC namespace",
  severity: 'error',
  category: 'pod',
  patterns: [],
  description:
    "`hostPID: true` lets the pod's containers see and signal every process of the node; `hostIPC: true` exposes the node's shared memory and semaphores. Both break the isolation between the pod and the node, and Pod Security Standards baseline forbids them.",
  remediation:
    'Remove hostPID/hostIPC. To share processes or memory between the containers of one pod, use shareProcessNamespace or an emptyDir with medium Memory instead.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  check,
};
