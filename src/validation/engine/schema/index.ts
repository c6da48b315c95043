import type { KubernetesRelease } from '../../../kubernetes/releases.js';
import { kubernetesSchemas } from '../../../kubernetes/schemas/schema-store.js';
import type { ManifestObject } from '../types.js';
import { validateObject, type SchemaIssue } from './validate-object.js';

export type { SchemaIssue, SchemaRuleId } from './validate-object.js';
export { fieldName } from './validate-object.js';

const NONE: readonly SchemaIssue[] = Object.freeze([]);
/** Per release: one validation may only ever use one release, but tests run several. */
const memo = new Map<KubernetesRelease, WeakMap<object, readonly SchemaIssue[]>>();

/** True when the release serves this apiVersion and kind (podwire then has its schema). */
export function hasSchema(apiVersion: string, kind: string, release: KubernetesRelease): boolean {
  return kubernetesSchemas().release(release).has(apiVersion, kind);
}

/**
 * Every schema violation of one object at `release`, with paths relative to `obj.raw` (the
 * engine prefixes `obj.basePath` for List items). Computed once per object: the schema rules and
 * api/not-yet-available share it. Objects the release has no schema for have none.
 */
export function schemaIssues(
  obj: ManifestObject,
  release: KubernetesRelease,
): readonly SchemaIssue[] {
  const raw = obj.raw;
  let byObject = memo.get(release);
  if (!byObject) {
    byObject = new WeakMap();
    memo.set(release, byObject);
  }
  const cached = byObject.get(raw);
  if (cached) return cached;
  const { apiVersion, kind } = raw;
  const root =
    typeof apiVersion === 'string' && typeof kind === 'string'
      ? kubernetesSchemas().release(release).root(apiVersion, kind)
      : undefined;
  const issues = root ? Object.freeze(validateObject(root, raw, release)) : NONE;
  byObject.set(raw, issues);
  return issues;
}
