import type { TextEdit } from '../../validation/engine/result.js';
import { LineIndex } from '../../validation/fixing/offsets.js';

/**
 * The first edit of a fix as a few diff lines: the lines the edit touches before (`-`) and after
 * (`+`), with a line of context where the edit only adds or removes whole lines. Only those lines
 * are looked at, never the whole text, so a chat answer stays cheap however large the manifest;
 * a full diff of every fix is what `POST /v1/manifests/fix` and `--fix-dry-run` are for.
 */

/** Diff lines shown; the rest are counted. */
export const PREVIEW_LINES = 8;
/** Characters of one diff line. */
const LINE_CHARS = 120;

export type FixPreview =
  | { readonly kind: 'diff'; readonly text: string }
  /** The edit's range lies outside the text (should not happen): show its new text only. */
  | { readonly kind: 'replace'; readonly newText: string };

export function previewEdit(text: string, index: LineIndex, edit: TextEdit): FixPreview {
  const span = index.span(edit.range);
  if (!span) return { kind: 'replace', newText: edit.newText };
  const [start, end] = span;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  // An edit at the start of a line adds lines before it: show the line above as context too.
  const from =
    start === lineStart && lineStart > 0 ? text.lastIndexOf('\n', lineStart - 2) + 1 : lineStart;
  const newline = text.indexOf('\n', end);
  const to = newline < 0 ? text.length : newline;
  const before = text.slice(from, to).split('\n');
  const after = (text.slice(from, start) + edit.newText + text.slice(end, to)).split('\n');
  // Lines the edit leaves as they were, at either end, are context rather than -/+ pairs.
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++;
  // A blank line of context (the end of the text) says nothing.
  const context = (ls: string[]) => ls.filter((l) => l.trim() !== '').map((l) => ` ${l}`);
  const lines = [
    ...context(before.slice(Math.max(0, head - 1), head)),
    ...before.slice(head, before.length - tail).map((l) => `-${l}`),
    ...after.slice(head, after.length - tail).map((l) => `+${l}`),
    ...context(before.slice(before.length - tail, before.length - tail + 1)),
  ];
  const shown = lines.slice(0, PREVIEW_LINES).map((l) => clipLine(l.replace(/\r$/, '')));
  if (lines.length > PREVIEW_LINES) shown.push(`… ${lines.length - PREVIEW_LINES} more line(s)`);
  return { kind: 'diff', text: shown.join('\n') };
}

function clipLine(line: string): string {
  const chars = Array.from(line);
  return chars.length <= LINE_CHARS ? line : `${chars.slice(0, LINE_CHARS - 1).join('')}…`;
}
