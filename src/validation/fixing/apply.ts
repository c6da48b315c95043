import type { Finding, Fix } from '../engine/result.js';
import type { ObjectRef } from '../engine/types.js';
import { LineIndex } from './offsets.js';

/** One submitted file as the fixer sees it: `filename` absent for a single `manifest`. */
export interface FixSource {
  filename?: string;
  content: string;
}

/** Which fixes to apply: `safe` ones only (the default), or suggestions too (`apply=all`). */
export type ApplyMode = 'safe' | 'all';

/** A fix as the fix report names it: the finding's rule, object and path, and the fix itself. */
export interface FixReport {
  ruleId: string;
  object: ObjectRef;
  path: string;
  description: string;
  safety: Fix['safety'];
}

export interface SkippedFix extends FixReport {
  reason: string;
}

export type FixedFinding = Finding & { fix: Fix };

export interface AppliedRound {
  sources: FixSource[];
  applied: FixedFinding[];
  skipped: Array<{ finding: FixedFinding; reason: string }>;
}

interface Span {
  start: number;
  end: number;
  newText: string;
  owner: string;
}

const fileKey = (filename: string | undefined) => filename ?? '';

export function reportOf(finding: FixedFinding): FixReport {
  return {
    ruleId: finding.ruleId,
    object: finding.object,
    path: finding.path,
    description: finding.fix.description,
    safety: finding.fix.safety,
  };
}

export function selected(fix: Fix, mode: ApplyMode): boolean {
  return mode === 'all' || fix.safety === 'safe';
}

/**
 * Applies one round of fixes to the texts they were computed on (pure). Fixes are taken in the
 * order of `findings` (the engine's order); a fix whose edits overlap an edit already taken is
 * skipped whole, as is one whose range is not in its file (a rule's bug, never the user's). Two
 * insertions at one offset count as overlapping (their order would be a guess), except sibling
 * keys of one block mapping, which go in the findings' order. Files no fix touches come back as
 * the same strings.
 */
export function applyFixes(
  sources: readonly FixSource[],
  findings: readonly Finding[],
  mode: ApplyMode,
): AppliedRound {
  const files = new Map(sources.map((source) => [fileKey(source.filename), source.content]));
  const indexes = new Map<string, LineIndex>();
  const indexOf = (key: string) => {
    let index = indexes.get(key);
    if (!index) {
      index = new LineIndex(files.get(key)!);
      indexes.set(key, index);
    }
    return index;
  };
  const taken = new Map<string, Span[]>();
  const applied: AppliedRound['applied'] = [];
  const skipped: AppliedRound['skipped'] = [];
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix || !selected(fix, mode)) continue;
    const owner = `${finding.ruleId} (${fix.description})`;
    const spans: Array<[string, Span]> = [];
    let problem: string | undefined;
    for (const edit of fix.edits) {
      const key = fileKey(edit.filename);
      if (!files.has(key)) {
        problem = `an edit names ${edit.filename === undefined ? 'no file' : `the file "${edit.filename}"`}, which was not submitted`;
        break;
      }
      const span = indexOf(key).span(edit.range);
      if (!span) {
        problem = `an edit's range ${edit.range.line}:${edit.range.column}-${edit.range.endLine}:${edit.range.endColumn} is not in the file`;
        break;
      }
      const candidate = { start: span[0], end: span[1], newText: edit.newText, owner };
      const clash =
        overlap(taken.get(key) ?? [], candidate) ??
        overlap(
          spans.filter(([k]) => k === key).map(([, s]) => s),
          candidate,
        );
      if (clash) {
        problem =
          clash.owner === owner
            ? 'its own edits overlap'
            : `it overlaps the fix of ${clash.owner}, applied first`;
        break;
      }
      spans.push([key, candidate]);
    }
    if (problem) {
      skipped.push({ finding: { ...finding, fix }, reason: problem });
      continue;
    }
    for (const [key, span] of spans) {
      const list = taken.get(key) ?? [];
      list.push(span);
      taken.set(key, list);
    }
    applied.push({ ...finding, fix });
  }
  return {
    sources: sources.map((source) => {
      const spans = taken.get(fileKey(source.filename));
      return spans ? { ...source, content: splice(source.content, spans) } : source;
    }),
    applied,
    skipped,
  };
}

function overlap(spans: readonly Span[], candidate: Span): Span | undefined {
  return spans.find(
    (span) =>
      (span.start < candidate.end && candidate.start < span.end) ||
      // An insertion at the start of (or at the same point as) another edit: order unknown,
      // unless both only add distinct keys to one block mapping (then any order reads the same)
      // or are new documents at the end of the file.
      (span.start === candidate.start &&
        (span.start === span.end || candidate.start === candidate.end) &&
        !siblingKeys(span, candidate) &&
        !(isDocument(span) && isDocument(candidate))) ||
      // An insertion at the end of a replaced span was computed against the text it replaces
      // (keys added to a container that another fix removes): it would land in what follows.
      insertsAtEnd(span, candidate) ||
      insertsAtEnd(candidate, span),
  );
}

function insertsAtEnd(replaced: Span, insertion: Span): boolean {
  return (
    insertion.start === insertion.end &&
    replaced.start < replaced.end &&
    insertion.start === replaced.end
  );
}

function isDocument(span: Span): boolean {
  return span.start === span.end && /^(\n)?---\n/.test(span.newText);
}

/**
 * True for two insertions of whole `key: value` lines at one indentation whose keys differ
 * (`allowPrivilegeEscalation` and `capabilities` into one securityContext), or of `, key: value`
 * entries into one flow mapping. Two that both create
 * a parent (`securityContext:`) share a key, so they still clash: one waits for the next round.
 */
function siblingKeys(a: Span, b: Span): boolean {
  if (a.start !== a.end || b.start !== b.end) return false;
  const flowA = FLOW_ENTRY.exec(a.newText)?.[1];
  const flowB = FLOW_ENTRY.exec(b.newText)?.[1];
  // `, key: value` into one flow mapping: any order reads the same when the keys differ.
  if (flowA !== undefined || flowB !== undefined) return !!flowA && !!flowB && flowA !== flowB;
  const left = blockKeys(a.newText);
  const right = blockKeys(b.newText);
  return (
    left !== undefined &&
    right !== undefined &&
    left.indent === right.indent &&
    ![...left.keys].some((key) => right.keys.has(key))
  );
}

const FLOW_ENTRY = /^, ([A-Za-z0-9_./-]+): /;
const BLOCK_KEY = /^( *)([^\s#\-{[&*!|>'"%@`][^:#]*):(?: |$)/;

function blockKeys(text: string): { indent: number; keys: Set<string> } | undefined {
  if (!text.endsWith('\n')) return undefined;
  const lines = text.slice(0, -1).split('\n');
  const first = BLOCK_KEY.exec(lines[0]);
  if (!first) return undefined;
  const indent = first[1].length;
  const keys = new Set<string>();
  for (const line of lines) {
    const lead = line.length - line.trimStart().length;
    if (line.trim() === '' || lead < indent) return undefined;
    if (lead > indent) continue;
    const key = BLOCK_KEY.exec(line);
    if (!key) return undefined;
    keys.add(key[2].trim());
  }
  return { indent, keys };
}

/** The text with non-overlapping edits applied, built in one pass from the start. */
function splice(text: string, spans: readonly Span[]): string {
  const ordered = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of ordered) {
    out += text.slice(at, span.start) + span.newText;
    at = span.end;
  }
  return out + text.slice(at);
}
