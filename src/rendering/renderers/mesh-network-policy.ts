import type { Json } from './common.js';
import { selectorLabels } from './common.js';
import type { RenderContext } from './context.js';
import type { K8sObject } from './types.js';

/**
 * ztunnel sends the kubelet's probes of an ambient pod from this link-local address; a
 * NetworkPolicy that restricts sources must admit it (istio.io/latest/docs/ambient/usage/networkpolicy).
 */
const AMBIENT_PROBE_SOURCE = '169.254.7.127/32';

/**
 * NetworkPolicy peers of the callers (issue 16: a rendered NetworkPolicy admits exactly them), or
 * of the rendered peer when none are named. A ServiceAccount is no NetworkPolicy selector, so a
 * caller named by it alone is admitted by its namespace (the mesh policy then checks the account).
 */
function sourcePeers(ctx: RenderContext): Json[] {
  if (ctx.callers.length === 0)
    return [{ podSelector: { matchLabels: selectorLabels(ctx, 'peer') } }];
  return ctx.callers.map((c) => ({
    ...(c.namespace
      ? { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': c.namespace } } }
      : {}),
    // Without a namespace the peer is in the policy's own: a podSelector alone means that.
    ...(c.podLabels || !c.namespace
      ? { podSelector: c.podLabels ? { matchLabels: { ...c.podLabels } } : {} }
      : {}),
  }));
}

/** Narrows each ingress rule of the app's NetworkPolicy from "any source" to the callers. */
export function restrictSources(ctx: RenderContext, policies: K8sObject[]): void {
  const peers = sourcePeers(ctx);
  const unique = [...new Map(peers.map((p) => [JSON.stringify(p), p])).values()];
  for (const policy of policies) {
    const spec = policy.spec as { ingress: Json[] };
    // The shared NetworkPolicy already narrows to the callers; the mesh's own sources replace that.
    spec.ingress = spec.ingress.map(({ from: _shared, ...rule }) => ({
      from: [
        ...structuredClone(unique),
        ...(ctx.mesh === 'istio-ambient' ? [{ ipBlock: { cidr: AMBIENT_PROBE_SOURCE } }] : []),
      ],
      ...rule,
    }));
  }
}
