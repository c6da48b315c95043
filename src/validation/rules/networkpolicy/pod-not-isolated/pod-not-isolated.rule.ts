import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeObject } from '../../../model/describe.js';

function check(ctx: RuleContext): void {
  const model = modelOf(ctx);
  for (const pod of model.pods) {
    // NetworkPolicy does not select hostNetwork pods: they share the node's network namespace,
    // and the docs leave policy for them undefined (most plugins ignore them). pod/host-network
    // already reports the exposure; a missing policy is not the cause.
    if (pod.spec.hostNetwork === true) continue;
    const policies = model.policiesSelecting(pod);
    if (policies.some((p) => p.policyTypes.includes('Ingress'))) continue;
    const what = describeObject(pod.object);
    const egressOnly =
      policies.length > 0
        ? ` (only the egress of NetworkPolicy ${policies.map((p) => p.name).join(', ')} applies)`
        : '';
    ctx.report({
      object: pod.object,
      path: ['metadata', 'name'],
      message: `no NetworkPolicy selects the pods of ${what} for ingress${egressOnly}: every pod in the cluster can connect to them`,
      missingReference: true,
    });
  }
}

export const networkpolicyPodNotIsolatedRule: Rule = {
  id: 'networkpolicy/pod-not-isolated',
  title: 'Workload not isolated by a NetworkPolicy',
  severity: 'warning',
  category: 'networkpolicy',
  patterns: [],
  description:
    'Pods accept connections from everywhere until a NetworkPolicy with an Ingress policy type selects them (and the CNI enforces it). A workload that no policy of the bundle selects is reachable from every pod of the cluster, including the ports of its app container behind a sidecar proxy. hostNetwork pods are left out: NetworkPolicy does not apply to them (pod/host-network reports those).',
  remediation:
    "Add a NetworkPolicy whose podSelector matches the workload's pod labels and that allows only the ports and peers it needs (in the sidecar-proxy pattern: only the proxy port).",
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#isolated-and-non-isolated-pods',
    'https://docs.kubelinter.io/#/generated/checks?id=non-isolated-pod',
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicies-and-hostnetwork-pods',
  ],
  check,
};
