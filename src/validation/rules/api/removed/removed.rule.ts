import type { Rule, RuleContext } from '../../../engine/types.js';
import { gvk, objectApiStatus } from '../api-status.js';
import { renameFix } from '../rename-fix.js';

function check(ctx: RuleContext): void {
  const release = ctx.options.kubernetesVersion;
  for (const object of ctx.objects) {
    const status = objectApiStatus(object, release);
    if (status?.status !== 'removed') continue;
    const when = status.removedIn
      ? `was removed in ${status.removedIn}`
      : `is not served by Kubernetes ${release} (removed before it)`;
    const use = status.replacement
      ? `; use ${status.replacement}`
      : '; no replacement API serves this kind';
    ctx.report({
      object,
      path: ['apiVersion'],
      message: `${gvk(object)} ${when}${use}`,
      fix: renameFix(object, status.replacement, release),
    });
  }
}

export const apiRemovedRule: Rule = {
  id: 'api/removed',
  title: 'API version no longer served by the target release',
  severity: 'error',
  category: 'api',
  patterns: [],
  description:
    'The target Kubernetes release no longer serves this apiVersion of the kind (for example `policy/v1beta1` PodDisruptionBudget, removed in 1.25, or `batch/v1beta1` CronJob): `kubectl apply` fails with "no matches for kind". ' +
    "Decided from the OpenAPI spec of every supported release (1.28–1.36) and, for removals before 1.28, the Kubernetes entries of FairwindsOps/pluto's versions.yaml.",
  remediation:
    'Move the object to the replacement apiVersion the message names (the migration guide lists the field changes, e.g. `autoscaling/v2` metrics), or target an older release with `kubernetesVersion` if the cluster really runs one.',
  references: [
    'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
    'https://kubernetes.io/docs/reference/using-api/deprecation-policy/',
  ],
  check,
};
