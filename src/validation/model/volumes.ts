import type { PodTemplate, VolumeInfo } from './bundle-model.types.js';
import { asArray, asRecord, asString } from './json.js';

/** Names a StatefulSet's volumeClaimTemplates add to its pods' volumes. */
export function claimTemplateNames(pod: PodTemplate): Set<string> {
  const names = new Set<string>();
  if (pod.kind !== 'StatefulSet') return names;
  for (const item of asArray(asRecord(pod.object.raw.spec)?.volumeClaimTemplates)) {
    const name = asString(asRecord(asRecord(item)?.metadata)?.name);
    if (name) names.add(name);
  }
  return names;
}

/** Names used as raw block devices (volumeDevices), which are uses of a volume too. */
export function deviceVolumeNames(pod: PodTemplate): Set<string> {
  const names = new Set<string>();
  for (const container of pod.containers) {
    for (const item of asArray(container.raw.volumeDevices)) {
      const name = asString(asRecord(item)?.name);
      if (name) names.add(name);
    }
  }
  return names;
}

/** Volume sources whose content Kubernetes writes and serves read-only. */
export const READ_ONLY_SOURCES = new Set(['configMap', 'secret', 'downwardAPI', 'projected']);

export function emptyDirOf(volume: VolumeInfo): Record<string, any> | undefined {
  return volume.source === 'emptyDir' ? (asRecord(volume.raw.emptyDir) ?? {}) : undefined;
}

export function hasSizeLimit(emptyDir: Record<string, any>): boolean {
  const size = emptyDir.sizeLimit;
  return (typeof size === 'string' && size.trim() !== '') || typeof size === 'number';
}

/** A pod-wide memory limit exists when pod-level resources set one or every container has one. */
export function memoryLimitOf(pod: PodTemplate, containers = pod.containers): boolean {
  if (asRecord(asRecord(pod.spec.resources)?.limits)?.memory !== undefined) return true;
  return (
    containers.length > 0 &&
    containers.every((c) => asRecord(asRecord(c.raw.resources)?.limits)?.memory !== undefined)
  );
}

/** True when a Memory emptyDir has no bound: no sizeLimit and not every mounting container limited. */
export function memoryUnbounded(pod: PodTemplate, volume: VolumeInfo): boolean {
  const emptyDir = emptyDirOf(volume);
  if (!emptyDir || emptyDir.medium !== 'Memory' || hasSizeLimit(emptyDir)) return false;
  const mounting = [...new Set(volume.mounts.map((m) => m.container))];
  if (mounting.length === 0) return false;
  return !memoryLimitOf(pod, mounting);
}
