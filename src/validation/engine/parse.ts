import {
  Composer,
  CST,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  Parser,
  type Scalar,
  type YAMLError,
} from 'yaml';
import { clip } from './bound.js';
import { kubernetesLexer } from './lexer.js';
import { LIMITS, ManifestLimitError, RESULT_LIMITS } from './limits.js';
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
  /** The text `doc`'s offsets index into: the manifest, or the chunk of it that held the document. */
  readonly text: string;
  /** Where `text` starts in the manifest (0 unless the manifest was read in chunks). */
  readonly offset: number;
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
export function parseManifest(
  text: string,
  bundle: BundleCounts = { documents: 0, objects: 0, aliases: { nodes: 0, chars: 0 } },
): ParsedManifest {
  const read = readDocuments(text, bundle.documents, 0);
  const converted = convertDocuments(text, read, bundle.objects, bundle.aliases);
  const documents = converted.documents.map((document): ParsedDocument => ({
    ...document,
    offset: 0,
    text,
  }));
  bundle.documents += documents.length;
  bundle.objects += converted.objects.length;
  return {
    text,
    lineCounter: read.lineCounter,
    documents,
    objects: converted.objects,
    findings: converted.findings,
  };
}

/** What yaml made of a text: immutable once read, so a memo may hand it out again (chunks.ts). */
export interface ReadText {
  readonly lineCounter: LineCounter;
  readonly docs: readonly Document.Parsed[];
  /** Lexemes counted towards LIMITS.nodes. */
  readonly nodes: number;
  /**
   * The end of the text might read differently with more text after it, so a chunk that ends so
   * is not read alone (chunks.ts): a quoted scalar runs to the end (yaml would look for its
   * closing quote further on), the last document has errors (yaml's messages for a broken
   * document may depend on what follows it), or no document ended here.
   */
  readonly open: boolean;
}

/**
 * The expensive half of parsing: lexer, parser and composer, with the limits on documents (the
 * bundle has `documentsBefore` already), nodes (the source has `nodesBefore` already) and depth.
 */
export function readDocuments(
  text: string,
  documentsBefore: number,
  nodesBefore: number,
): ReadText {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer(YAML_OPTIONS);
  const docs: Document.Parsed[] = [];
  const take = (doc: Document.Parsed): void => {
    docs.push(doc);
    if (documentsBefore + docs.length > LIMITS.documents) {
      throw new ManifestLimitError(
        'documents',
        `The manifest has more than ${LIMITS.documents} YAML documents (limit: ${LIMITS.documents} documents).`,
      );
    }
  };
  // parser.stack holds the document, one entry per open collection and at most one scalar; only
  // collections count, and only when the stack is long enough to possibly exceed the limit.
  let nodes = nodesBefore;
  let documentNodes = 0;
  let quotedToEnd = false;
  for (const lexeme of kubernetesLexer().lex(text)) {
    // Counted before the parser grows its CST with the lexeme: see LIMITS.nodesPerDocument.
    const type = CST.tokenType(lexeme);
    if (type === 'doc-start' || type === 'doc-end') documentNodes = 0;
    else if (type !== null && NODE_TOKENS.has(type)) {
      nodes++;
      documentNodes++;
      if (documentNodes > LIMITS.nodesPerDocument || nodes > LIMITS.nodes) throw nodesError();
    }
    for (const token of parser.next(lexeme)) for (const doc of composer.next(token)) take(doc);
    if (QUOTED.has(type ?? '') && parser.offset === text.length) quotedToEnd = true;
    if (parser.stack.length > LIMITS.depth && openCollections(parser.stack) > LIMITS.depth) {
      throw depthError();
    }
  }
  for (const token of parser.end()) for (const doc of composer.next(token)) take(doc);
  for (const doc of composer.end(false, text.length)) take(doc);
  const last = docs.at(-1);
  const open = quotedToEnd || last === undefined || last.errors.length > 0;
  return { lineCounter, docs, nodes: nodes - nodesBefore, open };
}

/** A document as convertDocuments leaves it: index and offsets relative to the text it read. */
export type ConvertedDocument = Omit<ParsedDocument, 'offset' | 'text'>;

/**
 * The cheap half, redone on every validation: plain objects, which rules may key caches on, and
 * the parse findings. Limits: objects (the bundle has `objectsBefore` already) and aliases.
 */
export function convertDocuments(
  text: string,
  read: ReadText,
  objectsBefore: number,
  budget: AliasBudget,
): { documents: ConvertedDocument[]; objects: ManifestObject[]; findings: ParseFinding[] } {
  const { lineCounter } = read;
  const documents: ConvertedDocument[] = [];
  const objects: ManifestObject[] = [];
  const findings: ParseFinding[] = [];
  read.docs.forEach((doc, index) => {
    const syntax = onePerLine(doc.errors, lineCounter).slice(0, LIMITS.syntaxFindingsPerDocument);
    for (const error of syntax) {
      findings.push({
        ruleId: 'yaml/syntax',
        documentIndex: index,
        message: clip(error.message, RESULT_LIMITS.messageChars),
        path: [],
        start: error.pos[0],
        end: Math.max(error.pos[1], error.pos[0]),
      });
    }
    const mark = findings.length;
    const converted = toPlain(doc, index, budget, findings);
    const ok = doc.errors.length === 0 && converted.ok;
    if (!ok && !findings.slice(mark - syntax.length).some((f) => f.ruleId === 'yaml/syntax')) {
      // Never reached today; the guarantee that an unread document always leaves a finding.
      findings.push({
        ruleId: 'yaml/syntax',
        documentIndex: index,
        message: 'This YAML document could not be read, so none of its objects were checked',
        path: [],
        start: doc.range[0],
        end: doc.range[1],
      });
    }
    documents.push({ index, doc, ok });
    if (ok) collectObjects(converted.value, doc, index, text, lineCounter, objects, findings);
    if (objectsBefore + objects.length > LIMITS.objects) {
      throw new ManifestLimitError(
        'objects',
        `The manifest has more than ${LIMITS.objects} Kubernetes objects (limit: ${LIMITS.objects} objects, List items included).`,
      );
    }
  });
  return { documents, objects, findings };
}

/**
 * What the files of one request have used so far: the limits of LIMITS hold for the request as a
 * whole (DESIGN §9), so a bundle split into many files costs what the concatenation would.
 */
export interface BundleCounts {
  documents: number;
  objects: number;
  aliases: AliasBudget;
}

const QUOTED: ReadonlySet<string> = new Set(['single-quoted-scalar', 'double-quoted-scalar']);

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/** Lexemes that make (or separate) a node: what LIMITS.nodes counts. */
const NODE_TOKENS: ReadonlySet<string> = new Set([
  'scalar',
  'single-quoted-scalar',
  'double-quoted-scalar',
  'block-scalar-header',
  'alias',
  'seq-item-ind',
  'map-value-ind',
  'explicit-key-ind',
  'comma',
  'flow-map-start',
  'flow-seq-start',
]);

/**
 * One error per line: yaml reports some single mistakes twice, as the broken node and as the
 * mapping it breaks (a mis-indented line gives "All mapping items must start at the same column"
 * and "Implicit map keys need to be followed by map values"). The first, the cause, is kept.
 */
function onePerLine(errors: readonly YAMLError[], lines: LineCounter): YAMLError[] {
  const kept: YAMLError[] = [];
  let lastLine = -1;
  for (const error of [...errors].sort((a, b) => a.pos[0] - b.pos[0])) {
    const line = lines.linePos(error.pos[0]).line;
    if (line === lastLine) continue;
    kept.push(error);
    lastLine = line;
  }
  return kept;
}

function nodesError(): ManifestLimitError {
  return new ManifestLimitError(
    'nodes',
    `The manifest has more than ${LIMITS.nodesPerDocument} YAML nodes in one document or ${LIMITS.nodes} in all (limits: ${LIMITS.nodesPerDocument} per document, ${LIMITS.nodes} per manifest).`,
  );
}

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

/** What aliases have added so far, summed over the manifest. */
export interface AliasBudget {
  nodes: number;
  chars: number;
}

/** What a node written once stands for: its value and what one more use of it costs. */
interface Expansion {
  value: unknown;
  /** Nodes in the subtree. */
  size: number;
  /** Characters of its scalars, keys included. */
  chars: number;
}

/**
 * yaml's `toJS`, specialised: finds duplicate keys in O(n), bounds alias expansion, never uses
 * `__proto__` setters, never turns a collection key into a string.
 *
 * An alias is charged, before it is used, for the nodes and the characters it stands for; both are
 * summed over the manifest. Counting nodes alone let 1,000 aliases of one 70,000-character string
 * (1,001 nodes) through as 70 MB of work for the rules and the response. The values themselves are
 * shared, not copied.
 */
function toPlain(
  doc: Document.Parsed,
  documentIndex: number,
  budget: AliasBudget,
  findings: ParseFinding[],
): { value: unknown; ok: boolean } {
  const anchors = new Map<string, Node>();
  const done = new Map<Node, Expansion>();
  const active = new Set<Node>();
  const path: Array<string | number> = [];
  let ok = true;
  let size = 0;
  let chars = 0;

  const fail = (node: Node | null, message: string): void => {
    ok = false;
    const [start, end] = node?.range ?? [0, 0];
    findings.push({
      ruleId: 'yaml/syntax',
      documentIndex,
      message,
      path: [...path],
      start,
      end,
    });
  };

  // yaml's composer leaves an alias without an anchor before it unresolved and says nothing (its
  // toJS would throw later); go-yaml refuses the document ("unknown anchor 'x' referenced").
  const unknownAnchor = (node: Node & { source: string }): void =>
    fail(
      node,
      `Alias *${clip(node.source, 64)} refers to no anchor &${clip(node.source, 64)} defined before it in this document; Kubernetes reads YAML with go-yaml, which refuses it ("unknown anchor referenced")`,
    );

  const expand = (node: Node & { source: string }): Expansion | undefined => {
    const target = anchors.get(node.source);
    if (!target) {
      unknownAnchor(node);
      return undefined;
    }
    if (active.has(target)) {
      fail(
        node,
        `Alias *${clip(node.source, 64)} refers to a node that contains it; Kubernetes objects cannot be circular`,
      );
      return undefined;
    }
    const memo = done.get(target);
    if (!memo) return undefined;
    budget.nodes += memo.size;
    budget.chars += memo.chars;
    if (budget.nodes > LIMITS.aliasExpansion || budget.chars > LIMITS.aliasExpansionChars) {
      throw new ManifestLimitError(
        'aliasExpansion',
        `YAML aliases in the manifest expand to more than ${LIMITS.aliasExpansion} nodes or ${LIMITS.aliasExpansionChars} characters (limits: ${LIMITS.aliasExpansion} nodes, ${LIMITS.aliasExpansionChars} characters; billion-laughs protection).`,
      );
    }
    size += memo.size;
    chars += memo.chars;
    return memo;
  };

  /**
   * The key as go-yaml reads it: a scalar, or an alias of one. A collection key (or an alias of
   * one) is never expanded or stringified: go-yaml refuses the document ("invalid map key"), so
   * does kubectl, and so this is a finding with a short stand-in for the key.
   */
  const keyOf = (key: unknown): string => {
    if (key === null || key === undefined) return '';
    if (isScalar(key)) {
      const text = scalarText(key);
      size += 1;
      chars += text.length;
      if (key.anchor) {
        anchors.set(key.anchor, key);
        done.set(key, { value: scalarValue(key), size: 1, chars: text.length });
      }
      return text;
    }
    let target: unknown = key;
    if (isAlias(key)) {
      target = anchors.get(key.source);
      if (target === undefined) {
        unknownAnchor(key);
        return '';
      }
      if (isScalar(target)) return expand(key) ? scalarText(target) : '';
    }
    const what = isSeq(target) ? 'sequence' : 'mapping';
    fail(
      key as Node,
      `A mapping key is a ${what}; Kubernetes reads YAML with go-yaml, which accepts only scalar keys ("invalid map key"), so the API server and kubectl refuse this document`,
    );
    return `[${what}]`;
  };

  const convert = (node: unknown): unknown => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return expand(node)?.value ?? null;
    const n = node as Node;
    const anchor = (n as { anchor?: string }).anchor;
    const before = size;
    const charsBefore = chars;
    size += 1;
    if (anchor) {
      anchors.set(anchor, n);
      active.add(n);
    }
    let value: unknown;
    if (isScalar(n)) {
      value = scalarValue(n);
      if (typeof n.value === 'string') chars += n.value.length;
    } else if (isMap(n)) {
      const object: Record<string, unknown> = {};
      for (const pair of n.items) {
        const key = keyOf(pair.key);
        path.push(key);
        if (Object.prototype.hasOwnProperty.call(object, key)) {
          const range = (pair.key as Node | null)?.range;
          if (range) {
            findings.push({
              ruleId: 'yaml/duplicate-key',
              documentIndex,
              message: `Key "${clip(key, 64)}" appears more than once in this mapping; the last value wins, earlier ones are silently lost`,
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
      done.set(n, { value, size: size - before, chars: chars - charsBefore });
    }
    return value;
  };

  const value = convert(doc.contents);
  return { value, ok };
}

function scalarText(node: Scalar): string {
  return node.value === null || node.value === undefined ? '' : String(node.value);
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
        path.length === 1 && path[0] === 'items'
          ? `List items is ${describe(what)}, not a sequence of Kubernetes objects`
          : `${path.length === 0 ? 'Document' : 'List item'} is ${describe(what)}, not a Kubernetes object with apiVersion and kind`,
      path,
      start,
      end: newline === -1 ? text.length : newline,
    });
  };
  const add = (raw: Record<string, unknown>, basePath: JsonPath): void => {
    const ref = refOf(raw, documentIndex);
    const line = lineCounter.linePos(nodeStart(doc, basePath)).line;
    objects.push({ ref, basePath, raw, key: objectKey(ref), line });
  };
  if (isRecord(value) && isList(value)) {
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
  if (Array.isArray(value)) {
    // A JSON array of objects (`[{...}, {...}]`) is read as a List: some tools write one instead
    // of `kind: List`. A block sequence in YAML stays a finding: it is a mistake, not an export.
    const contents = doc.contents as { flow?: boolean } | null;
    if (!contents?.flow) return notAnObject([], value);
    value.forEach((item, i) => {
      if (isRecord(item)) add(item, [i]);
      else if (item !== null) notAnObject([i], item);
    });
    return;
  }
  if (!isRecord(value)) return notAnObject([], value);
  add(value, []);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a sequence';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value} value`;
}
