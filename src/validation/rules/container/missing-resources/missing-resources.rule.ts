import type { Rule, RuleContext } from '../../../engine/types.js';
import type { ContainerInfo } from '../../../model/bundle-model.js';
import { modelOf } from '../../../model/bundle-model.js';
import { containerAnchor, describeContainer } from '../../../model/describe.js';
import { asRecord } from '../../../model/json.js';

const set = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** What is missing, with Kubernetes defaulting applied: a request defaults to the limit. */
export function missingResources(container: ContainerInfo): string[] {
  const own = asRecord(container.raw.resources);
  // Pod-level resources (PodLevelResources, beta in 1.34) bound every container of the pod.
  const pod = asRecord(container.pod.spec.resources);
  const requests = { ...asRecord(pod?.requests), ...asRecord(own?.requests) };
  const limits = { ...asRecord(pod?.limits), ...asRecord(own?.limits) };
  const missing: string[] = [];
  if (!set(requests.cpu) && !set(limits.cpu)) missing.push('CPU request');
  if (!set(requests.memory) && !set(limits.memory)) missing.push('memory request');
  if (!set(limits.memory)) missing.push('memory limit');
  return missing;
}

function consequence(missing: string[]): string {
  const blind = missing.some((m) => m.endsWith('request'));
  const unlimited = missing.includes('memory limit');
  if (blind && unlimited)
    return "the scheduler places it blind and it can use all of the node's memory";
  return blind
    ? 'the scheduler places it blind and it is among the first evicted under pressure'
    : "it can use all of the node's memory";
}

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const container of pod.containers) {
      const missing = missingResources(container);
      if (missing.length === 0) continue;
      const list =
        missing.length === 1
          ? missing[0]
          : `${missing.slice(0, -1).join(', ')} or ${missing.at(-1)}`;
      ctx.report({
        object: pod.object,
        ...containerAnchor(container, 'resources'),
        message: `${describeContainer(container)} has no ${list}: ${consequence(missing)}`,
      });
    }
  }
}

export const containerMissingResourcesRule: Rule = {
  id: 'container/missing-resources',
  title: 'Missing CPU/memory requests or memory limit',
  severity: 'warning',
  category: 'container',
  patterns: [],
  description:
    "Without CPU and memory requests the scheduler places the pod blind and it lands in the BestEffort QoS class, first to be evicted; without a memory limit one leaking container can exhaust the node. A request defaults to the limit when only the limit is set. Native sidecars and init containers count toward the pod's effective request too.",
  remediation:
    'Set resources.requests.cpu, resources.requests.memory and resources.limits.memory on every container.',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/#resource-sharing-within-containers',
  ],
  check,
};
