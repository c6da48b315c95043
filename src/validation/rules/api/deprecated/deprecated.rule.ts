import type { Rule, RuleContext } from '../../../engine/types.js';
import { gvk, objectApiStatus } from '../api-status.js';
import { renameFix } from '../rename-fix.js';

function check(ctx: RuleContext): void {
  const release = ctx.options.kubernetesVersion;
  for (const object of ctx.objects) {
    const status = objectApiStatus(object, release);
    if (status?.status !== 'served' || !status.deprecated) continue;
    const { since, removedIn, replacement } = status.deprecated;
    ctx.report({
      object,
      path: ['apiVersion'],
      message:
        `${gvk(object)} is deprecated since ${since}` +
        (removedIn ? ` and removed in ${removedIn}` : '') +
        (replacement ? `; use ${replacement}` : ''),
      fix: renameFix(object, replacement, release),
    });
  }
}

export const apiDeprecatedRule: Rule = {
  id: 'api/deprecated',
  title: 'API version deprecated in the target release',
  severity: 'warning',
  category: 'api',
  patterns: [],
  description:
    "The target Kubernetes release still serves this apiVersion of the kind but has deprecated it: the API server answers with a deprecation warning, and a later release stops serving it (the message names that release and the replacement). Data: the Kubernetes entries of FairwindsOps/pluto's versions.yaml, checked against the per-release specs.",
  remediation:
    'Move the object to the replacement apiVersion before upgrading the cluster to the release that removes this one.',
  references: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/'],
  check,
};
