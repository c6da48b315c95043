import type { JsonPath, ManifestObject, Rule, RuleContext } from '../../../engine/types.js';
import { podOwnersIn } from '../../../model/custom-resources.js';
import { describeOwners } from '../../../model/describe.js';
import { meshResources, type MeshResource } from '../../../model/mesh/resources.js';
import { istioPolicyTargets, linkerdServerPods } from '../../../model/mesh/workloads.js';
import { policySelectorFix, targetRefFix } from './policy-fix.js';

const ISTIO_KINDS = [
  'PeerAuthentication',
  'AuthorizationPolicy',
  'RequestAuthentication',
  'Sidecar',
] as const;

function reportNothing(ctx: RuleContext, policy: MeshResource, path: JsonPath, what: string): void {
  const owners: ManifestObject[] = podOwnersIn(ctx, policy.namespace);
  ctx.report({
    object: policy.object,
    path,
    message: `the ${what} of ${policy.kind} ${policy.namespace}/${policy.name} matches no pod template of the bundle${
      owners.length > 0
        ? `; ${describeOwners(owners)} in namespace ${policy.namespace} may have an operator create the pods it selects`
        : ': the policy applies to nothing'
    }`,
    severity: owners.length > 0 ? 'info' : undefined,
    missingReference: true,
    // With an operator's custom resources about, the selected pods may be the operator's.
    fix: owners.length > 0 ? undefined : policySelectorFix(ctx, policy),
  });
}

function check(ctx: RuleContext): void {
  const resources = meshResources(ctx);
  for (const kind of ISTIO_KINDS) {
    for (const policy of resources.istio(kind)) {
      const targets = istioPolicyTargets(ctx, policy);
      if (!targets) continue; // no selector: namespace- or mesh-wide
      if (targets.bySelector && targets.pods.length === 0) {
        reportNothing(ctx, policy, targets.path, 'selector');
        continue;
      }
      for (const ref of targets.missingRefs) {
        ctx.report({
          object: policy.object,
          path: ref.path,
          message: `${policy.kind} ${policy.namespace}/${policy.name} targets ${ref.kind} "${ref.name}", which the bundle lacks: the policy applies to nothing`,
          missingReference: true,
          fix: targetRefFix(ctx, policy, ref),
        });
      }
    }
  }
  for (const server of resources.linkerd('Server')) {
    const pods = linkerdServerPods(ctx, server);
    if (pods && pods.length === 0)
      reportNothing(ctx, server, ['spec', 'podSelector'], 'podSelector');
  }
}

export const meshPolicySelectsNothingRule: Rule = {
  id: 'mesh/policy-selects-nothing',
  title: 'Mesh policy selects no pod',
  severity: 'warning',
  category: 'mesh',
  patterns: ['service-mesh'],
  description:
    "An Istio PeerAuthentication, AuthorizationPolicy, RequestAuthentication or Sidecar with a workload selector (or targetRefs), or a Linkerd Server with a podSelector, applies only to the pods it selects — in its own namespace, or in every namespace for an Istio policy in the root namespace (istio-system). One that selects no pod template of the bundle protects nothing: usually a label typo, and the workload it was meant for runs with the namespace's defaults (istioctl analyze: IST0127 NoMatchingWorkloadsFound).",
  remediation:
    "Make the selector's labels match the pod template labels of the workload (same namespace), or point targetRefs at a Service, Gateway or ServiceEntry of the bundle. With scope: partial, or when a custom resource of the namespace may have an operator create the pods, the finding is info.",
  references: [
    'https://istio.io/latest/docs/reference/config/type/workload-selector/',
    'https://istio.io/latest/docs/reference/config/analysis/ist0127/',
    'https://linkerd.io/2/reference/authorization-policy/#server',
  ],
  check,
};
