import type { PodTemplate } from './bundle-model.types.js';
import { asArray, asRecord, asString } from './json.js';

/** The label selector of a required pod-affinity term on the node (kubernetes.io/hostname). */
function sameNodeSelectors(pod: PodTemplate): string[] {
  const terms = asArray(
    asRecord(asRecord(pod.spec.affinity)?.podAffinity)
      ?.requiredDuringSchedulingIgnoredDuringExecution,
  );
  const out: string[] = [];
  for (const item of terms) {
    const term = asRecord(item);
    const selector = asRecord(term?.labelSelector);
    const labels = asRecord(selector?.matchLabels);
    if (asString(term?.topologyKey) !== 'kubernetes.io/hostname' || !labels) continue;
    if (selector?.matchExpressions !== undefined || term?.namespaces !== undefined) continue;
    out.push(JSON.stringify(Object.entries(labels).sort()));
  }
  return out;
}

/**
 * True when every pod of these templates must run on one node: each requires (pod affinity on
 * kubernetes.io/hostname) the same pods, and those are pods of one of the templates, which then
 * follow their own first pod (https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity).
 * Such pods can share a ReadWriteOnce claim, which attaches to a single node.
 */
export function onOneNode(pods: readonly PodTemplate[]): boolean {
  if (pods.length === 0) return false;
  const common = sameNodeSelectors(pods[0]).filter((s) =>
    pods.every((p) => sameNodeSelectors(p).includes(s)),
  );
  return common.some((s) => {
    const wanted = JSON.parse(s) as Array<[string, unknown]>;
    return pods.some((p) => wanted.every(([k, v]) => p.labels[k] === v));
  });
}
