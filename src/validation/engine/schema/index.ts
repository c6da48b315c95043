import type { ManifestObject } from '../types.js';
import { k8sSchemas } from './schema-store.js';
import { validateObject, type SchemaIssue } from './validate-object.js';

export type { SchemaIssue, SchemaRuleId } from './validate-object.js';
export { fieldName } from './validate-object.js';

const NONE: readonly SchemaIssue[] = Object.freeze([]);
const memo = new WeakMap<object, readonly SchemaIssue[]>();

/** True when podwire ships the Kubernetes 1.34 schema of this apiVersion and kind. */
export function hasSchema(apiVersion: string, kind: string): boolean {
  return k8sSchemas().has(apiVersion, kind);
}

/**
 * The apiVersions podwire knows a built-in kind under (e.g. ["autoscaling/v1", "autoscaling/v2"]
 * for HorizontalPodAutoscaler); empty for kinds it has no schema for. Useful to tell a removed
 * apiVersion (`extensions/v1beta1` Deployment) from a custom resource.
 */
export function apiVersionsForKind(kind: string): readonly string[] {
  return k8sSchemas().apiVersionsOf(kind);
}

/**
 * Every schema violation of one object, with paths relative to `obj.raw` (the engine prefixes
 * `obj.basePath` for List items). Computed once per object: the four schema rules share it.
 * Objects without a schema (CRDs, unknown apiVersions) have none.
 */
export function schemaIssues(obj: ManifestObject): readonly SchemaIssue[] {
  const raw = obj.raw;
  const cached = memo.get(raw);
  if (cached) return cached;
  const { apiVersion, kind } = raw;
  const root =
    typeof apiVersion === 'string' && typeof kind === 'string'
      ? k8sSchemas().root(apiVersion, kind)
      : undefined;
  const issues = root ? Object.freeze(validateObject(root, raw)) : NONE;
  memo.set(raw, issues);
  return issues;
}
