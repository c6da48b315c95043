import type { StructuralSchema } from './structural-schema.js';

/**
 * The object as the API server stores it on create: a copy with `default`s filled in where a
 * field is absent (or null and not nullable), top-down, so a defaulted object's own defaults
 * apply too. The written object is left untouched: other rules read it.
 */
export function applyDefaults(
  schema: StructuralSchema,
  raw: Record<string, unknown>,
): Record<string, unknown> {
  return fill(schema, raw) as Record<string, unknown>;
}

function fill(schema: StructuralSchema, value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = schema.items;
    return items && hasDefaults(items) ? value.map((item) => fill(items, item)) : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const properties = schema.properties;
  const additional =
    typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  if (!hasDefaults(schema)) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = { ...source };
  for (const [key, sub] of Object.entries(properties ?? {})) {
    const current = out[key];
    if (sub.default !== undefined && (current === undefined || (current === null && !sub.nullable)))
      out[key] = structuredClone(sub.default);
    if (out[key] !== undefined) out[key] = fill(sub, out[key]);
  }
  if (additional)
    for (const key of Object.keys(out))
      if (!properties?.[key]) out[key] = fill(additional, out[key]);
  return out;
}

const memo = new WeakMap<StructuralSchema, boolean>();

/** Whether any node below has a default (memoised: most subtrees have none, and are shared). */
function hasDefaults(schema: StructuralSchema): boolean {
  let known = memo.get(schema);
  if (known !== undefined) return known;
  memo.set(schema, false);
  known =
    schema.default !== undefined ||
    Object.values(schema.properties ?? {}).some(hasDefaults) ||
    (typeof schema.additionalProperties === 'object' && hasDefaults(schema.additionalProperties)) ||
    (schema.items !== undefined && hasDefaults(schema.items));
  memo.set(schema, known);
  return known;
}
