import type { CelMap, CelMapType } from '@bufbuild/cel';
import { celModule } from './cel-module.js';

/**
 * Kubernetes CEL has object types (Quantity, URL, IP, CIDR, optionals) that @bufbuild/cel cannot
 * declare without protobuf descriptors. They are maps carrying this tag key, which no YAML map
 * can collide with in practice (a CR's keys come from its schema), and their methods refuse
 * untagged maps.
 */
const TAG = '\u0000podwire';

export type MarkedKind = 'optional' | 'quantity' | 'url' | 'ip' | 'cidr' | 'format';

/** The CEL type methods of tagged values are declared on. */
export function markedType(): CelMapType {
  const { CelScalar, mapType } = celModule();
  return mapType(CelScalar.STRING, CelScalar.DYN);
}

export function marked(kind: MarkedKind, fields: Record<string, unknown>): CelMap {
  return new Map<string, unknown>([[TAG, kind], ...Object.entries(fields)]) as unknown as CelMap;
}

export function isMarked(value: CelMap, kind: MarkedKind): boolean {
  return value.get(TAG) === kind;
}

/** The field of a tagged value, or an error naming the expected type. */
export function field<T>(value: CelMap, kind: MarkedKind, name: string): T {
  if (!isMarked(value, kind)) throw new Error(`no such overload: expected a ${kind}`);
  return value.get(name) as T;
}
