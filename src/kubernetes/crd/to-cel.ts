import type { CelInput } from '@bufbuild/cel';
import type { StructuralSchema } from './structural-schema.js';

/**
 * A JSON value as CEL sees it under its schema (k8s.io/apiserver/pkg/cel/common): `integer` is
 * int, `number` double, objects and maps are CEL maps, and values under
 * x-kubernetes-preserve-unknown-fields are dyn (whole numbers int, as in unstructured JSON).
 */
export function toCel(schema: StructuralSchema | undefined, value: unknown): CelInput {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    const type = schema?.type;
    if (type === 'number') return value;
    return Number.isInteger(value) ? BigInt(value) : value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => toCel(schema?.items, item));
  const properties = schema?.properties;
  const additional =
    typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  const out = new Map<string, CelInput>();
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    out.set(key, toCel(properties?.[key] ?? additional, item));
  }
  return out;
}
