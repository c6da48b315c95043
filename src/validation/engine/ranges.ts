import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { JsonPath, Range } from './types.js';

/** Converts character offsets to a 1-based range; the end column is exclusive (as in SARIF). */
export function toRange(
  text: string,
  lineCounter: LineCounter,
  start: number,
  end: number,
  trim = true,
): Range {
  let stop = Math.min(end, text.length);
  // Block collections end after their last newline; the range should end on the last character.
  while (trim && stop > start && /\s/.test(text[stop - 1])) stop -= 1;
  const from = lineCounter.linePos(start);
  const to = lineCounter.linePos(stop);
  return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}

function keyString(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

/** Aliases stand for their anchor; an empty value (`kind:`) counts as absent. */
function deref(doc: Document.Parsed, node: unknown): unknown {
  const target = isAlias(node) ? node.resolve(doc) : node;
  if (isScalar(target) && target.range && target.range[0] === target.range[1]) return null;
  return target;
}

/**
 * The character span a finding points at: the value at `path`, or its key when `at` is 'key' or
 * the value is absent; when the path does not exist, the key of its deepest existing ancestor.
 */
export function locate(
  doc: Document.Parsed,
  path: JsonPath,
  at: 'key' | 'value' = 'value',
): [number, number] {
  let node: unknown = deref(doc, doc.contents);
  let key: Node | null = null;
  let found = true;
  // A node reached through an alias lives at the anchor, but the object that uses it is where the
  // alias is (Linkerd's golden install: `*containerName`): findings point at the first alias on
  // the way. A key met after that alias is inside the anchor too.
  let alias: Node | null = isAlias(doc.contents) ? doc.contents : null;
  let keyInAnchor = false;
  for (const segment of path) {
    if (isMap(node)) {
      const wanted = String(segment);
      let pair = null;
      // The last duplicate wins when converting, so positions follow the last one too.
      for (let i = node.items.length - 1; i >= 0; i -= 1) {
        if (keyString(node.items[i].key) === wanted) {
          pair = node.items[i];
          break;
        }
      }
      if (!pair) {
        found = false;
        break;
      }
      key = pair.key as Node;
      keyInAnchor = alias !== null;
      if (!alias && isAlias(pair.value)) alias = pair.value;
      node = deref(doc, pair.value);
    } else if (
      isSeq(node) &&
      typeof segment === 'number' &&
      segment >= 0 &&
      segment < node.items.length
    ) {
      key = null;
      const item = node.items[segment];
      if (!alias && isAlias(item)) alias = item as Node;
      node = deref(doc, item);
      if (!node) break;
    } else {
      found = false;
      break;
    }
  }
  const fallback = (): [number, number] => [doc.range[0], doc.range[0]];
  const keySpan = (): [number, number] | undefined =>
    keyInAnchor && alias ? span(alias) : span(key);
  if (found && key && (at === 'key' || !node)) return keySpan() ?? fallback();
  if (found && node && path.length > 0 && (key || !isMap(node)))
    return (alias ? span(alias) : span(node as Node)) ?? fallback();
  if (!found && key) return keySpan() ?? fallback();
  return (alias ? span(alias) : headSpan(node)) ?? fallback();
}

function span(node: Node | null | undefined): [number, number] | undefined {
  return node?.range ? [node.range[0], node.range[1]] : undefined;
}

/** An object as a whole is shown by its first key (not by every line it covers). */
function headSpan(node: unknown): [number, number] | undefined {
  if (isMap(node) && node.items.length > 0) return span(node.items[0].key as Node) ?? span(node);
  return span(node as Node | null);
}
