import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  visit,
} from 'yaml';
import type { Fix, TextEdit } from '../result.js';
import { toRange } from '../ranges.js';
import type { JsonPath } from '../types.js';
import type { FixEdit, ReportFix } from './edit.js';
import { isNullScalar, type NodeAt, walk } from './locate-node.js';
import {
  renderBlockEntry,
  renderBlockMap,
  renderBlockSeq,
  renderBlockSeqItem,
  renderFlow,
  renderScalar,
} from './render-value.js';

/** The source an object was parsed from: what an edit's offsets index into. */
export interface FixSource {
  filename?: string;
  /** The text `doc`'s offsets index into: the file, or the chunk of it holding the document. */
  text: string;
  /** Where `text` starts in the file (default 0). */
  offset?: number;
  /** The whole file, when `text` is a chunk of it (default `text`). */
  fileText?: string;
  /** Lines of the file. */
  lineCounter: LineCounter;
  doc: Document.Parsed;
}

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * Turns a rule's semantic fix into text edits against the object's source (DESIGN §11). Undefined
 * when an edit cannot be placed safely (an alias on the way, a block scalar, a key already there,
 * overlapping edits): a finding then has no fix rather than a wrong one.
 */
export function toFix(source: FixSource, basePath: JsonPath, fix: ReportFix): Fix | undefined {
  const located: OffsetEdit[] = [];
  const file = source.fileText ?? source.text;
  const shift = source.offset ?? 0;
  for (const edit of fix.edits) {
    // A new document goes at the end of the file, not of the chunk; the rest are in the chunk.
    const offsets =
      'appendDocument' in edit
        ? appendDocument(file, edit.appendDocument)
        : shifted(locateEdit(source, basePath, edit), shift);
    if (!offsets) return undefined;
    located.push(offsets);
  }
  if (located.length === 0) return undefined;
  // Insertions at one point (two keys into one mapping) join in the order the rule gave them.
  const sorted: OffsetEdit[] = [];
  for (const edit of [...located].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const last = sorted.at(-1);
    if (last && last.start === last.end && edit.start === edit.end && edit.start === last.start) {
      // Two entries into an empty flow mapping (`{}`) each come without a comma.
      const comma = !last.newText.endsWith('\n') && !/^[,\n]/.test(edit.newText) ? ', ' : '';
      last.newText += comma + edit.newText;
    } else if (last && edit.start < last.end) {
      return undefined;
    } else {
      sorted.push({ ...edit });
    }
  }
  const edits = sorted.map((edit): TextEdit => {
    const textEdit: TextEdit = {
      range: toRange(file, source.lineCounter, edit.start, edit.end, false),
      newText: edit.newText,
    };
    return source.filename === undefined ? textEdit : { filename: source.filename, ...textEdit };
  });
  return { description: fix.description, safety: fix.safety, edits };
}

function shifted(edit: OffsetEdit | undefined, shift: number): OffsetEdit | undefined {
  return edit && shift !== 0 ? { ...edit, start: edit.start + shift, end: edit.end + shift } : edit;
}

/** Offsets into `source.text`. */
function locateEdit(
  source: FixSource,
  base: JsonPath,
  edit: Exclude<FixEdit, { appendDocument: unknown }>,
): OffsetEdit | undefined {
  if ('set' in edit) return setScalar(source, [...base, ...edit.set], edit.value);
  if ('insert' in edit) return insertKey(source, [...base, ...edit.insert], edit);
  if ('quote' in edit) return quoteScalar(source, [...base, ...edit.quote]);
  if ('remove' in edit) return removeNode(source, [...base, ...edit.remove]);
  if ('rename' in edit) return renameKey(source, [...base, ...edit.rename], edit.key);
  return appendItem(source, [...base, ...edit.append], edit.value);
}

function setScalar(
  source: FixSource,
  path: JsonPath,
  value: string | number | boolean,
): OffsetEdit | undefined {
  const found = walk(source.doc, path);
  const node = found?.reached.node;
  if (!found || found.rest.length > 0 || !isScalar(node) || !node.range) return undefined;
  const [start, end] = node.range;
  // An empty value (`key:`) and block scalars (`|`) have no span to replace in place.
  if (start === end || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    return undefined;
  }
  let newText: string;
  if (typeof value !== 'string') newText = String(value);
  else if (node.type === 'QUOTE_DOUBLE') newText = JSON.stringify(value);
  else if (node.type === 'QUOTE_SINGLE') newText = `'${value.replace(/'/g, "''")}'`;
  else newText = renderScalar(value, found.reached.flow);
  return { start, end, newText };
}

/** The key of the entry at `path` becomes `key`, in the key's quoting style; its value stays. */
function renameKey(source: FixSource, path: JsonPath, key: string): OffsetEdit | undefined {
  const found = walk(source.doc, path);
  const pair = found?.reached.pair;
  const map = found?.reached.parent;
  if (!found || found.rest.length > 0 || !pair || !isMap(map)) return undefined;
  if (map.items.some((item) => isScalar(item.key) && String(item.key.value) === key)) {
    return undefined;
  }
  const node = pair.key;
  if (!isScalar(node) || !node.range || node.range[0] === node.range[1]) return undefined;
  let newText: string;
  if (node.type === 'QUOTE_DOUBLE') newText = JSON.stringify(key);
  else if (node.type === 'QUOTE_SINGLE') newText = `'${key.replace(/'/g, "''")}'`;
  else if (node.type !== 'PLAIN') return undefined;
  // A numeric key (`9080:` of portLevelMtls) is read as a string key either way: keep it plain.
  else if (/^\d+$/.test(source.text.slice(node.range[0], node.range[1])) && /^\d+$/.test(key)) {
    newText = key;
  } else newText = renderScalar(key, found.reached.flow);
  return { start: node.range[0], end: node.range[1], newText };
}

function quoteScalar(source: FixSource, path: JsonPath): OffsetEdit | undefined {
  const found = walk(source.doc, path);
  const node = found?.reached.node;
  if (!found || found.rest.length > 0 || !isScalar(node) || !node.range) return undefined;
  // Only a plain scalar's text is ambiguous; the failsafe schema keeps that text as its value.
  if (node.type !== 'PLAIN' || typeof node.value !== 'string') return undefined;
  const [start, end] = node.range;
  if (start === end) return undefined;
  return { start, end, newText: JSON.stringify(node.value) };
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Where the text of a mapping entry or item ends: its last non-blank character. */
function contentEnd(text: string, node: Node | null | undefined, fallback: number): number {
  let end = node?.range ? node.range[1] : fallback;
  while (end > fallback && /\s/.test(text[end - 1])) end -= 1;
  return end;
}

/** The start of the line after `offset`, or the text's end (then a newline must come first). */
function nextLine(text: string, offset: number): { at: number; newline: boolean } {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? { at: text.length, newline: true } : { at: newline + 1, newline: false };
}

function pairEnd(text: string, pair: Pair): number {
  const keyEnd = (pair.key as Node | null)?.range?.[1] ?? 0;
  return contentEnd(text, pair.value as Node | null, keyEnd);
}

function nest(segments: JsonPath, key: string, value: unknown): unknown {
  let nested: unknown = { [key]: value };
  for (let i = segments.length - 1; i >= 0; i--) nested = { [String(segments[i])]: nested };
  return nested;
}

function insertKey(
  source: FixSource,
  path: JsonPath,
  edit: { key: string; value: unknown; after?: string },
): OffsetEdit | undefined {
  const { text } = source;
  const found = walk(source.doc, path);
  const map = found?.reached.node;
  if (found && isNullScalar(map)) {
    if (found.rest.some((segment) => typeof segment !== 'string')) return undefined;
    const value = nest(found.rest, edit.key, edit.value) as Record<string, unknown>;
    return fillNull(source, found.reached, value);
  }
  if (!found || !isMap(map) || !map.range) return undefined;
  if (found.rest.some((segment) => typeof segment !== 'string')) return undefined;
  // A parent mapping that is missing is created with the key beneath it.
  const key = found.rest.length > 0 ? String(found.rest[0]) : edit.key;
  const value =
    found.rest.length > 0 ? nest(found.rest.slice(1), edit.key, edit.value) : edit.value;
  const keyOf = (pair: Pair): unknown => (isScalar(pair.key) ? pair.key.value : undefined);
  if (map.items.some((pair) => keyOf(pair) === key)) return undefined;
  const anchor =
    (edit.after !== undefined && found.rest.length === 0
      ? map.items.find((pair) => keyOf(pair) === edit.after)
      : undefined) ?? map.items[map.items.length - 1];

  if (map.flow) {
    const entry = `${renderScalar(key, true)}: ${renderFlow(value)}`;
    if (!anchor) {
      const close = map.range[1] - 1;
      if (text[close] !== '}') return undefined;
      return { start: close, end: close, newText: entry };
    }
    const at = pairEnd(text, anchor);
    return { start: at, end: at, newText: `, ${entry}` };
  }
  const firstKey = (map.items[0]?.key as Node | null)?.range?.[0];
  if (firstKey === undefined || !anchor) return undefined;
  const column = firstKey - lineStart(text, firstKey);
  const { at, newline } = nextLine(text, pairEnd(text, anchor));
  const entry = renderBlockEntry(
    key,
    value,
    ' '.repeat(column),
    ' '.repeat(stepOf(text, map, column)),
  );
  return { start: at, end: at, newText: newline ? `\n${entry}` : entry };
}

/** The indentation step of the document around a mapping: its nested block mappings, else 2. */
function stepOf(text: string, map: Node, column: number): number {
  if (!isMap(map)) return 2;
  for (const pair of map.items) {
    const child = pair.value;
    if (isMap(child) && !child.flow) {
      const childKey = (child.items[0]?.key as Node | null)?.range?.[0];
      if (childKey === undefined) continue;
      const step = childKey - lineStart(text, childKey) - column;
      if (step > 0) return step;
    }
  }
  return 2;
}

function removeNode(source: FixSource, path: JsonPath): OffsetEdit | undefined {
  const { text } = source;
  const found = walk(source.doc, path);
  if (!found || found.rest.length > 0) return undefined;
  const { pair, parent, node } = found.reached;
  if (!parent || !(isMap(parent) || isSeq(parent)) || parent.flow) return undefined;
  // Removing the only entry would leave its parent empty (`key:` is null, not `{}`).
  if (parent.items.length < 2) return undefined;
  const first = pair ? (pair.key as Node | null)?.range?.[0] : node?.range?.[0];
  if (first === undefined || holdsAnchor(node)) return undefined;
  const start = lineStart(text, first);
  const before = text.slice(start, first);
  // A mapping entry that shares its line with a sequence dash (`- name: x`) takes the item along.
  if (pair ? before.trim() !== '' : !/^\s*-\s*$/.test(before)) return undefined;
  const end = pair ? pairEnd(text, pair) : contentEnd(text, node, first);
  const { at } = nextLine(text, end);
  return { start, end: at, newText: '' };
}

function appendDocument(text: string, value: Record<string, unknown>): OffsetEdit {
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  return {
    start: text.length,
    end: text.length,
    newText: `${separator}---\n${renderBlockMap(value, '', '  ')}`,
  };
}

function holdsAnchor(node: Node | null): boolean {
  if (!node) return false;
  let found = false;
  visit(node, (_, n) => {
    if (n && typeof n === 'object' && 'anchor' in n && (n as { anchor?: string }).anchor) {
      found = true;
      return visit.BREAK;
    }
    return undefined;
  });
  return found;
}

function appendItem(source: FixSource, path: JsonPath, value: unknown): OffsetEdit | undefined {
  const { text } = source;
  const found = walk(source.doc, path);
  if (!found) return undefined;
  const seq = found.reached.node;
  if (found.rest.length === 0 && isNullScalar(seq)) {
    return fillNull(source, found.reached, [value]);
  }
  if (found.rest.length > 0) {
    // No such sequence yet: a key holding a one-item sequence (its missing parents created).
    const key = path[path.length - 1];
    if (typeof key !== 'string') return undefined;
    return insertKey(source, path.slice(0, -1), { key, value: [value] });
  }
  if (!isSeq(seq) || !seq.range) return undefined;
  if (seq.items.length === 0) {
    // `[]`: the item goes before the closing bracket (a block sequence always has an item).
    const close = contentEnd(text, seq, seq.range[0]) - 1;
    if (!seq.flow || text[close] !== ']') return undefined;
    return { start: close, end: close, newText: renderFlow(value) };
  }
  const last = seq.items[seq.items.length - 1] as Node | null;
  if (seq.flow) {
    const at = contentEnd(text, last, seq.range[0]);
    return { start: at, end: at, newText: `, ${renderFlow(value)}` };
  }
  const firstItem = (seq.items[0] as Node | null)?.range?.[0];
  if (firstItem === undefined) return undefined;
  const dash = text.lastIndexOf('-', firstItem);
  const column = dash - lineStart(text, dash);
  if (dash < 0 || text.slice(lineStart(text, dash), dash).trim() !== '') return undefined;
  const { at, newline } = nextLine(text, contentEnd(text, last, firstItem));
  const item = renderBlockSeqItem(value, ' '.repeat(column), '  ');
  return { start: at, end: at, newText: newline ? `\n${item}` : item };
}

/**
 * Replaces the null value of a block mapping entry (`key:`, `key: null`, `key: ~`) with `value`
 * as a block mapping or sequence on the lines beneath the key, one indentation step deeper; a
 * comment after the null stays on the key's line.
 */
function fillNull(
  source: FixSource,
  reached: NodeAt,
  value: Record<string, unknown> | unknown[],
): OffsetEdit | undefined {
  const { text } = source;
  const { node, pair, parent } = reached;
  const keyStart = (pair?.key as Node | null)?.range?.[0];
  if (!isScalar(node) || !node.range || !isMap(parent) || reached.flow || keyStart === undefined) {
    return undefined;
  }
  const [tokenStart, tokenEnd] = node.range;
  let start = tokenStart;
  // `key: null` loses the null and the space before it; `key:` has nothing to remove.
  if (tokenStart < tokenEnd) while (start > keyStart && /[ \t]/.test(text[start - 1])) start -= 1;
  const column = keyStart - lineStart(text, keyStart);
  const step = ' '.repeat(stepOf(text, parent, column));
  const indent = ' '.repeat(column) + step;
  const body = Array.isArray(value)
    ? renderBlockSeq(value, indent, step)
    : renderBlockMap(value, indent, step);
  const { at, newline } = nextLine(text, tokenEnd);
  return { start, end: at, newText: `${text.slice(tokenEnd, at)}${newline ? '\n' : ''}${body}` };
}
