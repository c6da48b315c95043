import type { ReportFix } from '../../engine/fix/edit.js';
import { hasSchema, schemaIssues } from '../../engine/schema/index.js';
import type { ManifestObject } from '../../engine/types.js';
import type { KubernetesRelease } from '../../../kubernetes/releases.js';
import { asRecord } from '../../model/json.js';

/**
 * Migrations that are a pure rename of apiVersion, per the deprecation guide
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/): "no notable changes" for
 * CronJob batch/v1beta1 (v1.25), HorizontalPodAutoscaler autoscaling/v2beta2 (v1.26) and
 * CSIStorageCapacity storage.k8s.io/v1beta1 (v1.27). PodDisruptionBudget policy/v1beta1 (v1.25)
 * only when spec.selector is unset or not empty: an empty selector `{}` selects no pod in v1beta1
 * and every pod of the namespace in v1. VolumeAttributesClass v1alpha1 and v1beta1 have the
 * fields of storage.k8s.io/v1 (GA in 1.34): driverName and parameters, per the API reference of
 * each version. Every other migration changes fields: no fix.
 */
const RENAMES: Record<string, { to: string; when?: (object: ManifestObject) => boolean }> = {
  'batch/v1beta1 CronJob': { to: 'batch/v1' },
  'autoscaling/v2beta2 HorizontalPodAutoscaler': { to: 'autoscaling/v2' },
  'storage.k8s.io/v1beta1 CSIStorageCapacity': { to: 'storage.k8s.io/v1' },
  'storage.k8s.io/v1alpha1 VolumeAttributesClass': { to: 'storage.k8s.io/v1' },
  'storage.k8s.io/v1beta1 VolumeAttributesClass': { to: 'storage.k8s.io/v1' },
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

/**
 * The safe apiVersion rename of a removed or deprecated API, when the migration is a pure rename
 * to the `replacement` the lifecycle data names and the target release serves it.
 */
export function renameFix(
  object: ManifestObject,
  replacement: string | null | undefined,
  release: KubernetesRelease,
): ReportFix | undefined {
  const kind = String(object.raw.kind);
  const rename = RENAMES[`${String(object.raw.apiVersion)} ${kind}`];
  if (!rename || (rename.when && !rename.when(object))) return undefined;
  if (replacement !== rename.to || !hasSchema(rename.to, kind, release)) return undefined;
  // Offer the rename only when the object is valid under the new apiVersion (a removed API was
  // never schema-checked), so that fixing reveals no error.
  const renamed = { ...object, raw: { ...object.raw, apiVersion: rename.to } };
  if (schemaIssues(renamed, release).length > 0) return undefined;
  return {
    description: `Change apiVersion to ${rename.to}: the migration has no field changes`,
    safety: 'safe',
    edits: [{ set: ['apiVersion'], value: rename.to }],
  };
}
