import type { ReportFix } from '../../../engine/fix/edit.js';
import { schemaIssues } from '../../../engine/schema/index.js';
import type { ManifestObject, Rule, RuleContext } from '../../../engine/types.js';
import type { KubernetesRelease } from '../../../../kubernetes/releases.js';
import { asRecord } from '../../../model/json.js';
import { gvk, objectApiStatus } from '../api-status.js';

/**
 * Migrations that are a pure rename of apiVersion, per the deprecation guide
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/): "no notable changes" for
 * CronJob batch/v1beta1 (v1.25), HorizontalPodAutoscaler autoscaling/v2beta2 (v1.26) and
 * CSIStorageCapacity storage.k8s.io/v1beta1 (v1.27). PodDisruptionBudget policy/v1beta1 (v1.25)
 * only when spec.selector is unset or not empty: an empty selector `{}` selects no pod in v1beta1
 * and every pod of the namespace in v1. Every other removal changes fields: no fix.
 */
const RENAMES: Record<string, { to: string; when?: (object: ManifestObject) => boolean }> = {
  'batch/v1beta1 CronJob': { to: 'batch/v1' },
  'autoscaling/v2beta2 HorizontalPodAutoscaler': { to: 'autoscaling/v2' },
  'storage.k8s.io/v1beta1 CSIStorageCapacity': { to: 'storage.k8s.io/v1' },
  'policy/v1beta1 PodDisruptionBudget': {
    to: 'policy/v1',
    when: (object) => {
      const spec = asRecord(object.raw.spec);
      if (spec?.selector === undefined || spec.selector === null) return true;
      const selector = asRecord(spec.selector);
      const nonEmpty = (value: unknown): boolean =>
        Array.isArray(value) ? value.length > 0 : Object.keys(asRecord(value) ?? {}).length > 0;
      return nonEmpty(selector?.matchLabels) || nonEmpty(selector?.matchExpressions);
    },
  },
};

function renameFix(
  object: ManifestObject,
  replacement: string | null,
  release: KubernetesRelease,
): ReportFix | undefined {
  const rename = RENAMES[`${String(object.raw.apiVersion)} ${String(object.raw.kind)}`];
  if (!rename || (rename.when && !rename.when(object))) return undefined;
  // The replacement the target release serves must be the rename's.
  if (replacement !== rename.to) return undefined;
  // A removed API has no schema, so its object was never schema-checked: offer the rename only
  // when the object is valid under the new apiVersion, so that fixing reveals no error.
  const renamed = { ...object, raw: { ...object.raw, apiVersion: rename.to } };
  if (schemaIssues(renamed, release).length > 0) return undefined;
  return {
    description: `Change apiVersion to ${rename.to}: the migration has no field changes`,
    safety: 'safe',
    edits: [{ set: ['apiVersion'], value: rename.to }],
  };
}

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
