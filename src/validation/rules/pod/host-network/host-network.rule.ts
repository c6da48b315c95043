import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describePod } from '../../../model/describe.js';

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    if (pod.spec.hostNetwork !== true) continue;
    const ports = pod.containers.flatMap((c) => c.ports.map((p) => p.containerPort));
    ctx.report({
      object: pod.object,
      path: [...pod.specPath, 'hostNetwork'],
      message:
        `${describePod(pod)} uses hostNetwork: its containers share the node's network namespace` +
        (ports.length > 0
          ? ` and bind ${new Set(ports).size === 1 ? 'port' : 'ports'} ${[...new Set(ports)].join(', ')} on the node itself`
          : '') +
        '; NetworkPolicies no longer isolate it',
    });
  }
}

export const podHostNetworkRule: Rule = {
  id: 'pod/host-network',
  title: 'Pod uses the host network',
  severity: 'warning',
  category: 'pod',
  patterns: [],
  description:
    "With `hostNetwork: true` the pod's containers live in the node's network namespace: they see every interface of the node, bind ports on the node itself (two replicas on one node collide), and are not isolated by NetworkPolicies.",
  remediation:
    'Remove hostNetwork and expose the pod through a Service; use hostNetwork only for node agents (CNI, node exporters).',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  check,
};
