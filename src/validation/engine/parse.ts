import {
  Composer,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type Node,
  Parser,
  type Scalar,
} from 'yaml';
import { LIMITS, ManifestLimitError } from './limits.js';
import { objectKey } from './object-key.js';
import type { JsonPath, ManifestObject, ObjectRef } from './types.js';

/** A finding the parser emits itself (no rule runs for it). Offsets index into the manifest text. */
export interface ParseFinding {
  ruleId: 'yaml/syntax' | 'yaml/duplicate-key' | 'manifest/missing-type';
  documentIndex: number;
  message: string;
  /** Path from the document root, when the finding sits at a node. */
  path: JsonPath;
  start: number;
  end: number;
}

export interface ParsedDocument {
  readonly index: number;
  readonly doc: Document.Parsed;
  /** False when the document has syntax errors; it then contributes no objects. */
  readonly ok: boolean;
}

export interface ParsedManifest {
  readonly text: string;
  readonly lineCounter: LineCounter;
  readonly documents: readonly ParsedDocument[];
  readonly objects: ManifestObject[];
  readonly findings: ParseFinding[];
}

/**
 * yaml composes with the failsafe schema (every scalar a string, and the cheapest schema to
 * resolve) and `toPlain` types plain scalars the way Kubernetes does: sigs.k8s.io/yaml runs go-yaml
 * v2, i.e. YAML 1.1 booleans (`yes`, `on`, `y`), octal `0644`, `_` in numbers, and timestamps or
 * base-60 numbers left as strings. Merge keys stay off (js-yaml's `<<` pollution history); `<<` is
 * then an ordinary, unknown field. yaml's own duplicate-key check is quadratic per mapping, so
 * duplicates are found in toPlain instead.
 */
const YAML_OPTIONS = { schema: 'failsafe', uniqueKeys: false } as const;

/**
 * Parses a manifest into documents, plain objects and parse-level findings.
 *
 * Drives yaml's lexer, parser and composer by hand (what `parseAllDocuments` does internally) so
 * the limits are enforced while reading: nesting before yaml's recursive composer sees a document,
 * document count as documents complete. Throws ManifestLimitError beyond a limit.
 */
export function parseManifest(text: string): ParsedManifest {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer(YAML_OPTIONS);
  const docs: Document.Parsed[] = [];
  const take = (doc: Document.Parsed): void => {
    docs.push(doc);
    if (docs.length > LIMITS.documents) {
      throw new ManifestLimitError(
        'documents',
        `The manifest has more than ${LIMITS.documents} YAML documents (limit: ${LIMITS.documents} documents).`,
      );
    }
  };
  // parser.stack holds the document, one entry per open collection and at most one scalar; only
  // collections count, and only when the stack is long enough to possibly exceed the limit.
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) for (const doc of composer.next(token)) take(doc);
    if (parser.stack.length > LIMITS.depth && openCollections(parser.stack) > LIMITS.depth) {
      throw depthError();
    }
  }
  for (const token of parser.end()) for (const doc of composer.next(token)) take(doc);
  for (const doc of composer.end(false, text.length)) take(doc);

  const documents: ParsedDocument[] = [];
  const objects: ManifestObject[] = [];
  const findings: ParseFinding[] = [];
  const budget = { aliasNodes: 0 };
  docs.forEach((doc, index) => {
    const syntax = doc.errors.slice(0, LIMITS.syntaxFindingsPerDocument);
    for (const error of syntax) {
      findings.push({
        ruleId: 'yaml/syntax',
        documentIndex: index,
        message: error.message,
        path: [],
        start: error.pos[0],
        end: Math.max(error.pos[1], error.pos[0]),
      });
    }
    const converted = toPlain(doc, index, budget, findings);
    const ok = doc.errors.length === 0 && converted.ok;
    documents.push({ index, doc, ok });
    if (ok) collectObjects(converted.value, doc, index, text, lineCounter, objects, findings);
    if (objects.length > LIMITS.objects) {
      throw new ManifestLimitError(
        'objects',
        `The manifest has more than ${LIMITS.objects} Kubernetes objects (limit: ${LIMITS.objects} objects, List items included).`,
      );
    }
  });
  return { text, lineCounter, documents, objects, findings };
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

function openCollections(stack: readonly { type: string }[]): number {
  let open = 0;
  for (const token of stack) if (COLLECTIONS.has(token.type)) open++;
  return open;
}

function depthError(): ManifestLimitError {
  return new ManifestLimitError(
    'depth',
    `The manifest nests collections more than ${LIMITS.depth} levels deep (limit: ${LIMITS.depth} levels).`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** yaml's `toJS`, specialised: finds duplicate keys in O(n), bounds alias expansion, never uses `__proto__` setters. */
function toPlain(
  doc: Document.Parsed,
  documentIndex: number,
  budget: { aliasNodes: number },
  findings: ParseFinding[],
): { value: unknown; ok: boolean } {
  const anchors = new Map<string, Node>();
  const done = new Map<Node, { value: unknown; size: number }>();
  const active = new Set<Node>();
  const path: Array<string | number> = [];
  let ok = true;
  let size = 0;

  const convert = (node: unknown): unknown => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) return null; // the composer already reported the unknown anchor
      if (active.has(target)) {
        ok = false;
        const [start, end] = node.range ?? [0, 0];
        findings.push({
          ruleId: 'yaml/syntax',
          documentIndex,
          message: `Alias *${node.source} refers to a node that contains it; Kubernetes objects cannot be circular`,
          path: [...path],
          start,
          end,
        });
        return null;
      }
      const memo = done.get(target);
      if (!memo) return null;
      budget.aliasNodes += memo.size;
      if (budget.aliasNodes > LIMITS.aliasExpansion) {
        throw new ManifestLimitError(
          'aliasExpansion',
          `YAML aliases in the manifest expand to more than ${LIMITS.aliasExpansion} nodes (limit: ${LIMITS.aliasExpansion} nodes; billion-laughs protection).`,
        );
      }
      size += memo.size;
      return memo.value;
    }
    const n = node as Node;
    const anchor = (n as { anchor?: string }).anchor;
    const before = size;
    size += 1;
    if (anchor) {
      anchors.set(anchor, n);
      active.add(n);
    }
    let value: unknown;
    if (isScalar(n)) {
      value = scalarValue(n);
    } else if (isMap(n)) {
      const object: Record<string, unknown> = {};
      for (const pair of n.items) {
        const key = keyOf(pair.key, convert);
        path.push(key);
        if (Object.prototype.hasOwnProperty.call(object, key)) {
          const range = (pair.key as Node | null)?.range;
          if (range) {
            findings.push({
              ruleId: 'yaml/duplicate-key',
              documentIndex,
              message: `Key "${key}" appears more than once in this mapping; the last value wins, earlier ones are silently lost`,
              path: [...path],
              start: range[0],
              end: range[1],
            });
          }
        }
        const child = convert(pair.value);
        if (key === '__proto__') {
          Object.defineProperty(object, key, {
            value: child,
            writable: true,
            enumerable: true,
            configurable: true,
          });
        } else {
          object[key] = child;
        }
        path.pop();
      }
      value = object;
    } else if (isSeq(n)) {
      const array: unknown[] = [];
      n.items.forEach((item, i) => {
        path.push(i);
        array.push(convert(item));
        path.pop();
      });
      value = array;
    } else {
      value = null;
    }
    if (anchor) {
      active.delete(n);
      done.set(n, { value, size: size - before });
    }
    return value;
  };

  const value = convert(doc.contents);
  return { value, ok };
}

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']);
const FALSES = new Set([
  'n',
  'N',
  'no',
  'No',
  'NO',
  'off',
  'Off',
  'OFF',
  'false',
  'False',
  'FALSE',
]);
const INFINITIES = new Map([
  ['.inf', Infinity],
  ['.Inf', Infinity],
  ['.INF', Infinity],
  ['+.inf', Infinity],
  ['+.Inf', Infinity],
  ['+.INF', Infinity],
  ['-.inf', -Infinity],
  ['-.Inf', -Infinity],
  ['-.INF', -Infinity],
  ['.nan', NaN],
  ['.NaN', NaN],
  ['.NAN', NaN],
]);
const GO_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^([-+]?)(?:0b([01]+)|0o([0-7]+)|0x([0-9a-fA-F]+)|0([0-7]+)|([0-9]+))$/;

/** go-yaml v2's resolve() for an untagged plain scalar. */
export function resolvePlain(text: string): unknown {
  if (text.length <= 5) {
    if (NULLS.has(text)) return null;
    if (TRUES.has(text)) return true;
    if (FALSES.has(text)) return false;
  }
  const first = text.charCodeAt(0);
  const numeric = (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46;
  if (!numeric) return text;
  const infinity = INFINITIES.get(text);
  if (infinity !== undefined) return infinity;
  const plain = text.includes('_') ? text.replace(/_/g, '') : text;
  const int = GO_INT.exec(plain);
  if (int) {
    const [, sign, bin, oct, hex, legacyOct, dec] = int;
    const value =
      bin !== undefined
        ? parseInt(bin, 2)
        : oct !== undefined
          ? parseInt(oct, 8)
          : hex !== undefined
            ? parseInt(hex, 16)
            : legacyOct !== undefined
              ? parseInt(legacyOct, 8)
              : parseInt(dec, 10);
    return sign === '-' ? -value : value;
  }
  if (GO_FLOAT.test(plain)) return Number(plain);
  return text;
}

const CORE_TAGS = new Set([
  'tag:yaml.org,2002:int',
  'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null',
]);

function scalarValue(node: Scalar): unknown {
  const value = node.value;
  if (typeof value !== 'string') return value === undefined ? null : (value as unknown);
  if (node.tag !== undefined) return CORE_TAGS.has(node.tag) ? resolvePlain(value) : value;
  return node.type === 'PLAIN' ? resolvePlain(value) : value;
}

function keyOf(key: unknown, convert: (node: unknown) => unknown): string {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  const value = convert(key);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function refOf(raw: Record<string, unknown>, documentIndex: number): ObjectRef {
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  const ref: ObjectRef = { documentIndex };
  const apiVersion = str(raw.apiVersion);
  const kind = str(raw.kind);
  const namespace = str(metadata.namespace);
  const name = str(metadata.name);
  if (apiVersion !== undefined) ref.apiVersion = apiVersion;
  if (kind !== undefined) ref.kind = kind;
  if (namespace !== undefined) ref.namespace = namespace;
  if (name !== undefined) ref.name = name;
  return ref;
}

/** `kind: List`, and typed lists (`ServiceList`) as `kubectl get -o yaml` writes them. */
function isList(raw: Record<string, unknown>): boolean {
  const kind = raw.kind;
  return (
    kind === 'List' ||
    (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(raw.items))
  );
}

function nodeStart(doc: Document.Parsed, path: JsonPath): number {
  let node: unknown = doc.contents;
  for (const segment of path) {
    if (isMap(node)) node = node.get(segment, true);
    else if (isSeq(node)) node = node.items[segment as number];
    else break;
  }
  return (node as Node | undefined)?.range?.[0] ?? doc.range[0];
}

function collectObjects(
  value: unknown,
  doc: Document.Parsed,
  documentIndex: number,
  text: string,
  lineCounter: LineCounter,
  objects: ManifestObject[],
  findings: ParseFinding[],
): void {
  if (value === null) return; // empty document (only comments or `---`)
  const notAnObject = (path: JsonPath, what: unknown): void => {
    const start = nodeStart(doc, path);
    const newline = text.indexOf('\n', start);
    findings.push({
      ruleId: 'manifest/missing-type',
      documentIndex,
      message:
        path.length === 1
          ? `List items is ${describe(what)}, not a sequence of Kubernetes objects`
          : `${path.length === 0 ? 'Document' : 'List item'} is ${describe(what)}, not a Kubernetes object with apiVersion and kind`,
      path,
      start,
      end: newline === -1 ? text.length : newline,
    });
  };
  if (!isRecord(value)) return notAnObject([], value);
  const add = (raw: Record<string, unknown>, basePath: JsonPath): void => {
    const ref = refOf(raw, documentIndex);
    const line = lineCounter.linePos(nodeStart(doc, basePath)).line;
    objects.push({ ref, basePath, raw, key: objectKey(ref), line });
  };
  if (isList(value)) {
    const items = value.items;
    // A mangled List (items a map or a scalar) is a finding, not a crash.
    if (!Array.isArray(items)) {
      if (items !== null && items !== undefined) notAnObject(['items'], items);
      return;
    }
    items.forEach((item, i) => {
      if (isRecord(item)) add(item, ['items', i]);
      else if (item !== null) notAnObject(['items', i], item);
    });
    return;
  }
  add(value, []);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a sequence';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value} value`;
}
