import type { ReportFix } from '../../../engine/fix/edit.js';
import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import type { BundleModel, PodTemplate } from '../../../model/bundle-model.types.js';
import { describeObject } from '../../../model/describe.js';
import { asRecord, stringMap } from '../../../model/json.js';
import { targetPortsIn } from '../../../model/service-ports.js';

/**
 * A suggestion (DESIGN §11): a NetworkPolicy, appended to the workload's file, that selects its
 * pods and admits from anywhere only the ports the bundle's Services route to (targetPort as
 * written: a number, or a name NetworkPolicy resolves in the pod), when the pod declares that
 * port: a Service's typo is its own finding, not a port to open. Everything else is then
 * refused, which is the point and also why it is only a suggestion. None when no Service routes
 * to the pods (the policy would refuse everything) or the policy name is taken.
 */
function policyFix(ctx: RuleContext, model: BundleModel, pod: PodTemplate): ReportFix | undefined {
  const ports = new Map<string, { port: number | string; protocol: string }>();
  for (const service of model.services) {
    if (!service.pods.includes(pod)) continue;
    for (const port of service.ports) {
      const target = port.targetPort ?? port.port;
      if (target === undefined || targetPortsIn(pod, port).length === 0) continue;
      const value = typeof target === 'string' && /^\d+$/.test(target) ? Number(target) : target;
      ports.set(`${value}/${port.protocol}`, { port: value, protocol: port.protocol });
    }
  }
  const name = asRecord(pod.object.raw.metadata)?.name;
  if (ports.size === 0 || typeof name !== 'string') return undefined;
  const policyName = `${name}-ingress`;
  if (ctx.lookup('NetworkPolicy', pod.namespace, policyName)) return undefined;
  const selector = stringMap(asRecord(asRecord(pod.object.raw.spec)?.selector)?.matchLabels);
  const matchLabels =
    pod.kind !== 'Pod' && Object.keys(selector).length > 0 ? selector : pod.labels;
  if (Object.keys(matchLabels).length === 0) return undefined;
  const namespace = asRecord(pod.object.raw.metadata)?.namespace;
  return {
    description: `Add NetworkPolicy ${policyName}, admitting only the ports its Services route to (${[...ports.keys()].join(', ')})`,
    safety: 'suggestion',
    edits: [
      {
        appendDocument: {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata:
            typeof namespace === 'string' ? { name: policyName, namespace } : { name: policyName },
          spec: {
            podSelector: { matchLabels },
            policyTypes: ['Ingress'],
            ingress: [{ ports: [...ports.values()] }],
          },
        },
      },
    ],
  };
}

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
      fix: policyFix(ctx, model, pod),
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
