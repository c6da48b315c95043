import { closeMatch } from '../../../engine/fix/did-you-mean.js';
import type { ReportFix } from '../../../engine/fix/edit.js';
import type { JsonPath, RuleContext } from '../../../engine/types.js';
import { modelOf, namespaceOf } from '../../../model/bundle-model.js';
import { asRecord, asString, valueAt } from '../../../model/json.js';
import { ISTIO_ROOT_NAMESPACE, type MeshResource } from '../../../model/mesh/resources.js';
import { selectorValueFix } from '../../selector-fix.js';

/** String label maps only: a selector with other values is not ours to respell. */
function stringLabels(value: unknown): Record<string, string> | undefined {
  const labels = asRecord(value);
  if (!labels || Object.values(labels).some((v) => typeof v !== 'string')) return undefined;
  return labels as Record<string, string>;
}

/**
 * Did you mean, for an Istio workload selector (`selector.matchLabels`, a Sidecar's
 * `workloadSelector.labels`) or a Linkerd Server's `podSelector.matchLabels` (when that is all it
 * has): a label value one edit from the pods in the policy's reach (selector-fix.ts).
 */
export function policySelectorFix(ctx: RuleContext, policy: MeshResource): ReportFix | undefined {
  let path: JsonPath;
  if (policy.kind === 'Server') {
    const selector = asRecord(policy.spec.podSelector);
    if (!selector || Object.keys(selector).some((key) => key !== 'matchLabels')) return undefined;
    path = ['spec', 'podSelector', 'matchLabels'];
  } else if (policy.kind === 'Sidecar') {
    path = ['spec', 'workloadSelector', 'labels'];
  } else {
    path = ['spec', 'selector', 'matchLabels'];
  }
  const labels = stringLabels(asRecord(asRecord(policy.spec[path[1]])?.[path[2]]));
  if (!labels) return undefined;
  // An Istio policy of the root namespace selects workloads of every namespace.
  const everywhere = policy.kind !== 'Server' && policy.namespace === ISTIO_ROOT_NAMESPACE;
  const pods = modelOf(ctx).pods.filter((p) => everywhere || p.namespace === policy.namespace);
  return selectorValueFix(labels, path, pods);
}

/** Did you mean, for a targetRef: the one object of that kind in the namespace with a close name. */
export function targetRefFix(
  ctx: RuleContext,
  policy: MeshResource,
  ref: { kind: string; name: string; path: JsonPath },
): ReportFix | undefined {
  const namespace =
    asString(asRecord(valueAt(policy.object.raw, ref.path.slice(0, -1)))?.namespace) ??
    policy.namespace;
  const names = ctx.objects
    .filter((o) => (o.ref.kind ?? o.raw.kind) === ref.kind && namespaceOf(o) === namespace)
    .map((o) => asString(asRecord(o.raw.metadata)?.name))
    .filter((n): n is string => n !== undefined);
  const name = closeMatch(ref.name, names);
  if (name === undefined) return undefined;
  return {
    description: `Change the targetRef ${ref.kind} "${ref.name}" to "${name}"`,
    safety: 'safe',
    edits: [{ set: ref.path, value: name }],
  };
}
