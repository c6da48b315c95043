import type { JsonPath, ManifestObject, RuleContext } from '../../engine/types.js';
import { modelOf } from '../bundle-model.js';
import type { PodTemplate } from '../bundle-model.types.js';
import { podLabels } from '../controller-labels.js';
import { asArray, asRecord, asString } from '../json.js';
import { matchesLabelMap, matchesSelector } from '../selectors.js';
import { ISTIO_ROOT_NAMESPACE, meshResources, type MeshResource } from './resources.js';

/**
 * Which pod templates a mesh policy applies to.
 *
 * Istio (https://istio.io/latest/docs/reference/config/type/workload-selector/ and
 * …/policy-target-reference/): `spec.selector.matchLabels` (PeerAuthentication,
 * AuthorizationPolicy, RequestAuthentication), `spec.workloadSelector.labels` (Sidecar), or
 * `spec.targetRef`/`spec.targetRefs` naming a Service, ServiceEntry, Gateway or GatewayClass. No
 * selector means every workload of the namespace — of the mesh in the root namespace, where a
 * selector also matches workloads of every namespace. Linkerd Server
 * (https://linkerd.io/2/reference/authorization-policy/#server): `spec.podSelector`, a Kubernetes
 * LabelSelector over the Server's namespace.
 */
export interface PolicyTargets {
  /** Path to the selecting node, where a finding about it points. */
  path: JsonPath;
  /** Pod templates of the bundle the policy selects. */
  pods: PodTemplate[];
  /** targetRefs that name nothing in the bundle (kind/name), with their paths. */
  missingRefs: Array<{ kind: string; name: string; path: JsonPath }>;
  /** The selector is a label selector (not targetRefs). */
  bySelector: boolean;
}

function inScope(policy: MeshResource, pod: PodTemplate): boolean {
  return policy.namespace === ISTIO_ROOT_NAMESPACE || pod.namespace === policy.namespace;
}

function targetRefsOf(policy: MeshResource): Array<{ ref: Record<string, any>; path: JsonPath }> {
  const refs: Array<{ ref: Record<string, any>; path: JsonPath }> = [];
  const single = asRecord(policy.spec.targetRef);
  if (single) refs.push({ ref: single, path: ['spec', 'targetRef'] });
  asArray(policy.spec.targetRefs).forEach((item, i) => {
    const ref = asRecord(item);
    if (ref) refs.push({ ref, path: ['spec', 'targetRefs', i] });
  });
  return refs;
}

function findByKind(ctx: RuleContext, kind: string, namespace: string, name: string) {
  return ctx.objects.find(
    (o: ManifestObject) =>
      (o.ref.kind ?? o.raw.kind) === kind &&
      asString(asRecord(o.raw.metadata)?.name) === name &&
      (asString(asRecord(o.raw.metadata)?.namespace) || 'default') === namespace,
  );
}

/**
 * The pods an Istio policy selects; undefined when it has no selector (namespace- or mesh-wide).
 */
export function istioPolicyTargets(
  ctx: RuleContext,
  policy: MeshResource,
): PolicyTargets | undefined {
  const model = modelOf(ctx);
  const selectorKey = policy.kind === 'Sidecar' ? 'workloadSelector' : 'selector';
  const selector = asRecord(policy.spec[selectorKey]);
  const labels = asRecord(selector?.[policy.kind === 'Sidecar' ? 'labels' : 'matchLabels']);
  if (selector && labels && Object.keys(labels).length > 0) {
    return {
      path: ['spec', selectorKey],
      pods: model.pods.filter((p) => inScope(policy, p) && matchesLabelMap(podLabels(p), labels)),
      missingRefs: [],
      bySelector: true,
    };
  }
  const refs = targetRefsOf(policy);
  if (refs.length === 0) return undefined;
  const pods = new Set<PodTemplate>();
  const missingRefs: PolicyTargets['missingRefs'] = [];
  for (const { ref, path } of refs) {
    const kind = asString(ref.kind) ?? '';
    const name = asString(ref.name) ?? '';
    const namespace = asString(ref.namespace) ?? policy.namespace;
    if (kind === 'Service') {
      const service = model.services.find((s) => s.name === name && s.namespace === namespace);
      if (service) service.pods.forEach((p) => pods.add(p));
      else missingRefs.push({ kind, name, path: [...path, 'name'] });
      continue;
    }
    // A GatewayClass (istio-waypoint, istio) is installed with Istio, never part of an app bundle.
    if (kind === 'GatewayClass') continue;
    // Gateways and ServiceEntries select proxies the bundle may not hold: only their presence counts.
    if (!findByKind(ctx, kind, namespace, name))
      missingRefs.push({ kind, name, path: [...path, 'name'] });
  }
  return {
    path: refs.length === 1 ? refs[0].path : ['spec', 'targetRefs'],
    pods: [...pods],
    missingRefs,
    bySelector: false,
  };
}

/** The pods a Linkerd Server selects (`podSelector` over its namespace); undefined without one. */
export function linkerdServerPods(
  ctx: RuleContext,
  server: MeshResource,
): PodTemplate[] | undefined {
  if (server.spec.podSelector === undefined || server.spec.podSelector === null) return undefined;
  return modelOf(ctx).pods.filter(
    (p) =>
      p.namespace === server.namespace && matchesSelector(podLabels(p), server.spec.podSelector),
  );
}

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

export interface EffectiveMtls {
  mode: MtlsMode;
  /** The PeerAuthentication that decides it (none: Istio's default, PERMISSIVE). */
  policy?: MeshResource;
  path?: JsonPath;
}

function modeAt(
  policy: MeshResource,
  port: number | undefined,
): { mode: MtlsMode; path: JsonPath } | undefined {
  const valid = (m: unknown): m is MtlsMode =>
    m === 'STRICT' || m === 'PERMISSIVE' || m === 'DISABLE';
  if (port !== undefined) {
    const level = asRecord(asRecord(policy.spec.portLevelMtls)?.[String(port)]);
    if (valid(level?.mode))
      return { mode: level.mode, path: ['spec', 'portLevelMtls', String(port), 'mode'] };
  }
  const mode = asRecord(policy.spec.mtls)?.mode;
  return valid(mode) ? { mode, path: ['spec', 'mtls', 'mode'] } : undefined;
}

/**
 * The mTLS mode a workload's sidecar accepts on a port: the most specific PeerAuthentication wins
 * (workload selector, then the namespace's, then the root namespace's mesh-wide one); `UNSET`
 * inherits from the next; PERMISSIVE when none says
 * (https://istio.io/latest/docs/concepts/security/#peer-authentication).
 */
export function effectiveMtls(ctx: RuleContext, pod: PodTemplate, port?: number): EffectiveMtls {
  const policies = meshResources(ctx).istio('PeerAuthentication');
  const labelled = (p: MeshResource): boolean => {
    const labels = asRecord(asRecord(p.spec.selector)?.matchLabels);
    return labels !== undefined && Object.keys(labels).length > 0;
  };
  const levels: MeshResource[][] = [
    policies.filter(
      (p) =>
        labelled(p) &&
        inScope(p, pod) &&
        matchesLabelMap(podLabels(pod), asRecord(p.spec.selector)?.matchLabels),
    ),
    policies.filter((p) => !labelled(p) && p.namespace === pod.namespace),
    policies.filter((p) => !labelled(p) && p.namespace === ISTIO_ROOT_NAMESPACE),
  ];
  for (const level of levels) {
    for (const policy of level) {
      const decided = modeAt(policy, labelled(policy) ? port : undefined);
      if (decided) return { mode: decided.mode, policy, path: decided.path };
    }
  }
  return { mode: 'PERMISSIVE' };
}
