import type { JsonPath } from '../engine/types.js';
import type { ContainerInfo } from './bundle-model.types.js';
import { asRecord } from './json.js';

export interface EffectiveSetting<T> {
  value: T | undefined;
  /** Where the effective value is set: the container's securityContext, else the pod's. */
  path?: JsonPath;
  level?: 'container' | 'pod';
}

/**
 * The value a container runs with for a field that exists at both levels (runAsUser, runAsNonRoot,
 * runAsGroup, seccompProfile…): the container's securityContext overrides the pod's.
 */
export function effectiveSetting(
  container: ContainerInfo,
  field: string,
): EffectiveSetting<unknown> {
  const own = containerSetting(container, field);
  if (own.value !== undefined) return own;
  const pod = asRecord(container.pod.spec.securityContext);
  if (pod && pod[field] !== undefined && pod[field] !== null) {
    return {
      value: pod[field],
      path: [...container.pod.specPath, 'securityContext', field],
      level: 'pod',
    };
  }
  return { value: undefined };
}

/** A container-only securityContext field (privileged, allowPrivilegeEscalation, readOnlyRootFilesystem). */
export function containerSetting(
  container: ContainerInfo,
  field: string,
): EffectiveSetting<unknown> {
  const own = asRecord(container.raw.securityContext);
  if (own && own[field] !== undefined && own[field] !== null) {
    return {
      value: own[field],
      path: [...container.path, 'securityContext', field],
      level: 'container',
    };
  }
  return { value: undefined };
}

/** A runAsUser that names a UID other than 0: the process is not root, whatever the image says. */
export function runsAsNonZeroUser(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
