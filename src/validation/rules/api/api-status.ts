import { apiStatus, type ApiStatus } from '../../../kubernetes/lifecycle/lifecycle.js';
import type { KubernetesRelease } from '../../../kubernetes/releases.js';
import type { ManifestObject } from '../../engine/types.js';

const memo = new Map<KubernetesRelease, WeakMap<object, ApiStatus | null>>();

/**
 * The lifecycle status of an object's apiVersion and kind at the target release, or null when
 * the object has no usable apiVersion/kind (manifest/missing-type reports that). Shared by the
 * api/* rules and manifest/unknown-kind, so each object gets exactly one verdict.
 */
export function objectApiStatus(
  object: ManifestObject,
  release: KubernetesRelease,
): ApiStatus | null {
  let byObject = memo.get(release);
  if (!byObject) {
    byObject = new WeakMap();
    memo.set(release, byObject);
  }
  const cached = byObject.get(object.raw);
  if (cached !== undefined) return cached;
  const { apiVersion, kind } = object.raw;
  const status =
    typeof apiVersion === 'string' && typeof kind === 'string' && apiVersion !== '' && kind !== ''
      ? apiStatus(apiVersion, kind, release)
      : null;
  byObject.set(object.raw, status);
  return status;
}

/** `policy/v1beta1 PodDisruptionBudget`. */
export function gvk(object: ManifestObject): string {
  return `${String(object.raw.apiVersion)} ${String(object.raw.kind)}`;
}
