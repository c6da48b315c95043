import type { FixEdit, ReportFix } from '../../../engine/fix/edit.js';
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

/**
 * Starting values, not measurements: 100m CPU and 128Mi memory are the order of magnitude of a
 * small web process, and a memory limit equal to the memory request (or to the request already
 * set, so the limit is never below it) makes the container Guaranteed for memory. A suggestion
 * (DESIGN §11): requests change where and whether the pod schedules, a limit can OOM-kill it.
 */
function resourcesFix(container: ContainerInfo, missing: string[]): ReportFix {
  const own = asRecord(container.raw.resources);
  const requests = asRecord(own?.requests);
  const limits = asRecord(own?.limits);
  const memory = set(requests?.memory) ? String(requests?.memory) : '128Mi';
  const wanted: Record<string, Record<string, string>> = { requests: {}, limits: {} };
  if (missing.includes('CPU request')) wanted.requests.cpu = '100m';
  if (missing.includes('memory request')) wanted.requests.memory = memory;
  if (missing.includes('memory limit')) wanted.limits.memory = memory;
  const edits: FixEdit[] = [];
  const base = [...container.path, 'resources'];
  const nested: Record<string, unknown> = {};
  for (const [section, values] of Object.entries(wanted)) {
    if (Object.keys(values).length === 0) continue;
    const existing = section === 'requests' ? requests : limits;
    if (!own) nested[section] = values;
    else if (!existing) edits.push({ insert: base, key: section, value: values });
    else {
      for (const [key, value] of Object.entries(values)) {
        edits.push({ insert: [...base, section], key, value });
      }
    }
  }
  if (!own) edits.push({ insert: container.path, key: 'resources', value: nested });
  return {
    description: `Add ${missing.join(', ')} to container "${container.name}" (starting values: adjust them to measured use)`,
    safety: 'suggestion',
    edits,
  };
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
        fix: resourcesFix(container, missing),
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
