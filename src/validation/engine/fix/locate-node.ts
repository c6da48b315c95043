import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type Scalar,
} from 'yaml';
import { resolvePlain } from '../parse.js';
import type { JsonPath } from '../types.js';

/** Where a path leads in a document, for editing: the node and the pair that holds it. */
export interface NodeAt {
  node: Node | null;
  /** The mapping entry whose value is `node` (absent for a sequence item or the root). */
  pair?: Pair;
  /** The collection `node` sits in (absent for the root). */
  parent?: Node;
  /** Inside a flow collection (`{ }`, `[ ]`): plain scalars there cannot hold `,[]{}`. */
  flow: boolean;
}

export interface Walk {
  /** The deepest node the path reaches. */
  reached: NodeAt;
  /** Segments of the path beyond `reached` (empty when the whole path exists). */
  rest: JsonPath;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

/** Shared text: an alias stands for its anchor, and an anchored node is used by its aliases. */
function shared(node: unknown): boolean {
  return (
    isAlias(node) ||
    (node !== null &&
      typeof node === 'object' &&
      'anchor' in node &&
      !!(node as { anchor?: string }).anchor)
  );
}

/**
 * A plain, untagged null (`key:`, `null`, `~`): an absent value that an edit may fill. The parser
 * reads with the failsafe schema, so the value is the source text and resolved here as it is
 * for the objects.
 */
export function isNullScalar(node: unknown): node is Scalar {
  if (!isScalar(node) || node.tag !== undefined || node.type !== 'PLAIN') return false;
  return (
    node.value === null || node.value === undefined || resolvePlain(String(node.value)) === null
  );
}

/**
 * Walks `path` from the document root. Undefined when the way passes through an alias or an
 * anchored node (an edit there would change every use of it), or through a scalar other than a
 * null (where the walk stops, the rest of the path missing).
 */
export function walk(doc: Document.Parsed, path: JsonPath): Walk | undefined {
  let at: NodeAt = { node: doc.contents as Node | null, flow: false };
  if (shared(at.node)) return undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const node = at.node;
    const flow = at.flow || ((isMap(node) || isSeq(node)) && node.flow === true);
    if (isMap(node)) {
      let pair: Pair | undefined;
      // The last duplicate wins when converting, so edits follow the last one too.
      for (let j = node.items.length - 1; j >= 0; j--) {
        if (keyText(node.items[j].key) === String(segment)) {
          pair = node.items[j];
          break;
        }
      }
      if (!pair) return { reached: at, rest: path.slice(i) };
      if (shared(pair.key) || shared(pair.value)) return undefined;
      at = { node: (pair.value as Node | null) ?? null, pair, parent: node, flow };
    } else if (isSeq(node) && typeof segment === 'number') {
      if (segment < 0 || segment >= node.items.length) return { reached: at, rest: path.slice(i) };
      const item = node.items[segment];
      if (shared(item)) return undefined;
      at = { node: (item as Node | null) ?? null, parent: node, flow };
    } else if (isNullScalar(node) && typeof segment === 'string') {
      // `key:` or `key: null` is an absent mapping: what an edit creates there replaces the null.
      return { reached: at, rest: path.slice(i) };
    } else {
      return undefined;
    }
  }
  return { reached: at, rest: [] };
}
