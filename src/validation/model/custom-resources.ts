import type { ManifestObject, RuleContext } from '../engine/types.js';
import { groupOf, kubernetesSchemas } from '../../kubernetes/schemas/schema-store.js';
import { asRecord, asString } from './json.js';
import { namespaceOf } from './pod-templates.js';

const cache = new WeakMap<readonly ManifestObject[], ManifestObject[]>();

/** Objects of the bundle whose API group no Kubernetes release serves: custom resources. */
function customResources(ctx: RuleContext): ManifestObject[] {
  let found = cache.get(ctx.objects);
  if (!found) {
    const schemas = kubernetesSchemas();
    found = ctx.objects.filter((object) => {
      const apiVersion = object.ref.apiVersion ?? asString(object.raw.apiVersion);
      return apiVersion !== undefined && !schemas.isBuiltInGroup(groupOf(apiVersion));
    });
    cache.set(ctx.objects, found);
  }
  return found;
}

/**
 * Custom resources of the bundle in `namespace` whose operator may create pods there: an operator
 * makes pods from a custom resource (kube-prometheus: the Alertmanager `main` and the Prometheus
 * `k8s` resources become StatefulSets the Services `alertmanager-main` and `prometheus-k8s`
 * select), so a selector that matches no pod template may still match those pods. The bundle
 * cannot say which kinds do: any custom resource with a spec may.
 */
export function podOwnersIn(ctx: RuleContext, namespace: string): ManifestObject[] {
  return customResources(ctx).filter(
    (object) =>
      namespaceOf(object) === namespace &&
      asRecord(object.raw.spec) !== undefined &&
      !POLICY_ONLY_GROUPS.has(
        groupOf(object.ref.apiVersion ?? asString(object.raw.apiVersion) ?? ''),
      ),
  );
}

/**
 * API groups whose resources only configure traffic between pods that exist anyway (Istio
 * routing/security/telemetry, Linkerd policy): no operator makes pods from them.
 */
const POLICY_ONLY_GROUPS: ReadonlySet<string> = new Set([
  'networking.istio.io',
  'security.istio.io',
  'telemetry.istio.io',
  'policy.linkerd.io',
]);
