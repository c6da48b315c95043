import { LineCounter } from 'yaml';
import { LIMITS, ManifestLimitError } from './limits.js';
import {
  type AliasBudget,
  type BundleCounts,
  convertDocuments,
  type ParsedDocument,
  type ParsedManifest,
  type ParseFinding,
  readDocuments,
  type ReadText,
} from './parse.js';
import type { ManifestObject } from './types.js';

/** A piece of a manifest that starts at a line start, `offset` characters in. */
export interface Chunk {
  text: string;
  offset: number;
}

/**
 * Splits a manifest at the lines that start a document: `---` at column 0 followed by a space, a
 * tab or the line's end. YAML forbids such a line inside any content, and yaml ends every block or
 * plain scalar and flow collection there (as go-yaml does), so a chunk reads as it does in the whole
 * text; where it might not (an unclosed quote, a broken document) ChunkedParser reads on into the
 * next chunk. One chunk, the whole text, for a directive line (`%` at column 0, it changes the
 * documents after it) or a lone CR (a line break to YAML, not to this split).
 * Comments and blank lines before the first `---` stay with the document after them.
 */
export function splitChunks(text: string): Chunk[] {
  const whole = [{ text, offset: 0 }];
  if (/^\uFEFF?%/.test(text) || text.includes('\n%') || /\r(?!\n)/.test(text)) return whole;
  const starts: number[] = [];
  for (let at = text.indexOf('\n---'); at !== -1; at = text.indexOf('\n---', at + 1)) {
    const after = text[at + 4];
    if (after === undefined || after === ' ' || after === '\t' || after === '\n' || after === '\r')
      starts.push(at + 1);
  }
  if (starts.length > 0 && holdsNoNode(text.slice(0, starts[0]))) starts.shift();
  if (starts.length === 0) return whole;
  const chunks: Chunk[] = [];
  let offset = 0;
  for (const end of [...starts, text.length]) {
    chunks.push({ text: text.slice(offset, end), offset });
    offset = end;
  }
  return chunks;
}

/** Only blank lines and comments (and a byte order mark). */
function holdsNoNode(prefix: string): boolean {
  return prefix
    .replace(/^\uFEFF/, '')
    .split('\n')
    .every((line) => /^[ \t]*(#.*)?\r?$/.test(line));
}

/**
 * The most lexemes (LIMITS.nodes counts them) whose documents a ChunkedParser keeps from one
 * validation to the next: ≈ 30 MB at ≈ 150 B a node. The 1,000-object bench bundle has 70,000.
 */
export const MEMO_NODES = 200_000;

/** convertDocuments' result for one chunk, and what its aliases added to the alias budget. */
interface Conversion extends ReturnType<typeof convertDocuments> {
  aliasNodes: number;
  aliasChars: number;
}

/**
 * A parser for the validations of one fix (fix-bundle.ts): reads each chunk of each source once,
 * and hands what it made of an unchanged chunk to the next validation: yaml's documents, line
 * counter, plain objects and parse findings, all immutable and chunk-relative, so a chunk that
 * moved is still valid. ManifestObjects and findings carrying file positions are made afresh.
 * Rules never change the plain objects (chunks.spec.ts freezes them), and caches keyed by one
 * hold only what follows from that object alone (crd/index.ts keys custom-resource issues by
 * bundle too), so a plain object met again is what it was. Chunks not
 * used by one validation are forgotten by the one after, so memory stays that of two parses.
 * The result equals parseManifest's (chunks.spec.ts).
 */
export class ChunkedParser {
  private previous = new Map<string, ReadText>();
  private current = new Map<string, ReadText>();
  /** Lexemes of the documents in `current`. */
  private currentNodes = 0;
  /** What convertDocuments made of a read: it goes when the read does. */
  private readonly conversions = new WeakMap<ReadText, Conversion>();

  /** A chunk's read, remembered unless the totals so far may make it cross a limit. */
  private read(text: string, documents: number, nodes: number): ReadText {
    const known = this.current.get(text) ?? this.previous.get(text);
    const read =
      known === undefined ||
      nodes + known.nodes > LIMITS.nodes ||
      documents + known.docs.length > LIMITS.documents
        ? readDocuments(text, documents, nodes)
        : known;
    if (!this.current.has(text)) this.currentNodes += read.nodes;
    this.current.set(text, read);
    return read;
  }

  /**
   * A chunk's plain objects and parse findings (chunk-relative), remembered with its read unless
   * the totals so far may make it cross the object or alias limit. Never handed out as is.
   */
  private convert(text: string, read: ReadText, objectsBefore: number, budget: AliasBudget) {
    const known = this.conversions.get(read);
    if (
      known !== undefined &&
      objectsBefore + known.objects.length <= LIMITS.objects &&
      budget.nodes + known.aliasNodes <= LIMITS.aliasExpansion &&
      budget.chars + known.aliasChars <= LIMITS.aliasExpansionChars
    ) {
      budget.nodes += known.aliasNodes;
      budget.chars += known.aliasChars;
      return known;
    }
    const { nodes, chars } = budget;
    const converted = {
      ...convertDocuments(text, read, objectsBefore, budget),
      aliasNodes: budget.nodes - nodes,
      aliasChars: budget.chars - chars,
    };
    this.conversions.set(read, converted);
    return converted;
  }

  /** Call before each validation: what the one before last used (and the last did not) goes. */
  nextValidation(): void {
    this.previous = this.current;
    this.current = new Map();
    this.currentNodes = 0;
  }

  /**
   * Call after a validation: the chunks it did not use are not needed any more, and holding the
   * documents of every chunk a fix replaced costs garbage collection time during the next round.
   */
  endValidation(): void {
    this.previous = new Map();
    // A bundle near the node limit is not remembered: a worker's heap holds one such bundle's
    // documents (LIMITS.nodes), not two rounds of them. Its next round reads afresh.
    if (this.currentNodes > MEMO_NODES) this.current = new Map();
  }

  readonly parse = (text: string, bundle: BundleCounts): ParsedManifest => {
    const candidates = splitChunks(text);
    // Every chunk is read before any is converted, as parseManifest reads the whole text first:
    // the same limit is then the first one exceeded.
    const chunks: Chunk[] = [];
    const reads: ReadText[] = [];
    let documents = bundle.documents;
    let nodes = 0;
    for (let i = 0; i < candidates.length; i++) {
      let chunk = candidates[i];
      let read: ReadText;
      try {
        read = this.read(chunk.text, documents, nodes);
        // An unclosed quote may close in a later chunk, a broken document read on: take the next.
        while (read.open && i + 1 < candidates.length) {
          chunk = { ...chunk, text: chunk.text + candidates[++i].text };
          read = this.read(chunk.text, documents, nodes);
        }
      } catch (error) {
        if (!(error instanceof ManifestLimitError) || i + 1 === candidates.length) throw error;
        // Over a limit in a chunk: the rest as one text meets the limits where the whole would.
        chunk = { ...chunk, text: text.slice(chunk.offset) };
        i = candidates.length - 1;
        read = readDocuments(chunk.text, documents, nodes);
      }
      chunks.push(chunk);
      reads.push(read);
      documents += read.docs.length;
      nodes += read.nodes;
    }
    const lineCounter = new LineCounter();
    const parsedDocuments: ParsedDocument[] = [];
    const objects: ManifestObject[] = [];
    const findings: ParseFinding[] = [];
    chunks.forEach((chunk, i) => {
      const read = reads[i];
      // Lines are counted as yaml counts them while reading the whole text (it misses a line
      // break in some broken documents, and positions must not differ): the newline before a
      // chunk is its predecessor's, so the chunk's own first line start is not added again.
      const linesBefore = i === 0 ? 0 : lineCounter.lineStarts.length - 1;
      for (const start of read.lineCounter.lineStarts) {
        if (i === 0 || start !== 0) lineCounter.addNewLine(chunk.offset + start);
      }
      const first = parsedDocuments.length;
      const converted = this.convert(
        chunk.text,
        read,
        bundle.objects + objects.length,
        bundle.aliases,
      );
      for (const document of converted.documents) {
        parsedDocuments.push({
          ...document,
          index: first + document.index,
          text: chunk.text,
          offset: chunk.offset,
        });
      }
      // Fresh objects and findings (rules and the engine set fields on them); the plain values
      // and paths inside are shared with earlier validations, as nothing changes them.
      for (const object of converted.objects) {
        objects.push({
          ...object,
          ref: { ...object.ref, documentIndex: object.ref.documentIndex + first },
          line: object.line + linesBefore,
        });
      }
      for (const finding of converted.findings) {
        findings.push({
          ...finding,
          documentIndex: finding.documentIndex + first,
          start: finding.start + chunk.offset,
          end: finding.end + chunk.offset,
        });
      }
    });
    bundle.documents += parsedDocuments.length;
    bundle.objects += objects.length;
    return { text, lineCounter, documents: parsedDocuments, objects, findings };
  };
}
