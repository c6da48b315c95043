import type { JsonPath, ManifestObject } from '../engine/types.js';
import type { ContainerInfo, PodTemplate } from './bundle-model.types.js';
import { asRecord, asString } from './json.js';

/** `Deployment web` (namespace added when not default), for finding messages. */
export function describeObject(object: ManifestObject): string {
  const kind = object.ref.kind ?? asString(object.raw.kind) ?? 'object';
  const metadata = asRecord(object.raw.metadata);
  const name = asString(metadata?.name) ?? asString(metadata?.generateName) ?? '(unnamed)';
  const namespace = asString(metadata?.namespace);
  return namespace && namespace !== 'default' ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

const ROLE_WORD: Record<ContainerInfo['role'], string> = {
  container: 'container',
  init: 'init container',
  sidecar: 'sidecar container',
};

/** `container "app" of Deployment web`. */
export function describeContainer(container: ContainerInfo): string {
  return `${ROLE_WORD[container.role]} "${container.name}" of ${describeObject(container.pod.object)}`;
}

export function describePod(pod: PodTemplate): string {
  return pod.kind === 'Pod'
    ? describeObject(pod.object)
    : `the pod template of ${describeObject(pod.object)}`;
}

/**
 * Where to point when a field is missing: the closest parent that exists (as a key), else the
 * container's name, else the container item itself.
 */
export function containerAnchor(
  container: ContainerInfo,
  parent?: string,
): { path: JsonPath; at?: 'key' } {
  if (parent && asRecord(container.raw[parent]))
    return { path: [...container.path, parent], at: 'key' };
  if (typeof container.raw.name === 'string') return { path: [...container.path, 'name'] };
  return { path: container.path };
}

/** `the custom resource Alertmanager monitoring/main` / `the custom resources A, B and 3 more`. */
export function describeOwners(owners: readonly ManifestObject[]): string {
  const shown = owners.slice(0, 3).map(describeObject);
  const more = owners.length > 3 ? ` and ${owners.length - 3} more` : '';
  return owners.length === 1
    ? `the custom resource ${shown[0]}`
    : `the custom resources ${shown.join(', ')}${more}`;
}
