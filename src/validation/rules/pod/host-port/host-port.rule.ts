import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeContainer } from '../../../model/describe.js';

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const container of pod.containers) {
      for (const port of container.ports) {
        if (port.hostPort === undefined || port.hostPort === 0) continue;
        ctx.report({
          object: pod.object,
          path: [...port.path, 'hostPort'],
          message: `${describeContainer(container)} maps containerPort ${port.containerPort}/${port.protocol} to hostPort ${port.hostPort}: the port is opened on the node, and only one such pod fits per node`,
        });
      }
    }
  }
}

export const podHostPortRule: Rule = {
  id: 'pod/host-port',
  title: 'Container port bound on the node (hostPort)',
  severity: 'warning',
  category: 'pod',
  patterns: [],
  description:
    "A hostPort exposes the container directly on the node's IP, bypassing Services and limiting scheduling to one such pod per node and port. Traffic between workloads should go through a Service.",
  remediation:
    'Remove hostPort and expose the container through a Service (ClusterIP for in-cluster traffic, an Ingress for external traffic).',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/overview/#services',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  check,
};
