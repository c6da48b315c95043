import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, TextEdit, ValidationResult } from '../engine/result.js';
import type { ValidateOptions } from '../engine/validate.js';
import { validateManifest } from '../engine/validate.js';

/**
 * Test helpers for fixes (DESIGN §11). `applyEdits` is deliberately tiny: the product's applier
 * (`POST /v1/manifests/fix`, `--fix`) lives elsewhere; this one only has to be obviously right.
 */

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** Applies non-overlapping edits of one file (ranges 1-based, end column exclusive). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const offset = (line: number, column: number): number => starts[line - 1] + column - 1;
  const located = edits
    .map((edit) => ({
      start: offset(edit.range.line, edit.range.column),
      end: offset(edit.range.endLine, edit.range.endColumn),
      newText: edit.newText,
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const edit of located) {
    if (edit.end > limit) throw new Error('overlapping edits');
    out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}

/** The fixes of `findings` that can go in one pass: ESLint's rule, touching edits conflict. */
function nonConflicting(findings: readonly Finding[]): TextEdit[] {
  const position = (line: number, column: number): number => line * 1e7 + column;
  const taken: Array<[number, number]> = [];
  const out: TextEdit[] = [];
  for (const finding of findings) {
    const edits = finding.fix?.edits ?? [];
    const spans = edits.map((e): [number, number] => [
      position(e.range.line, e.range.column),
      position(e.range.endLine, e.range.endColumn),
    ]);
    if (spans.some(([s, e]) => taken.some(([ts, te]) => s <= te && ts <= e))) continue;
    taken.push(...spans);
    out.push(...edits);
  }
  return out;
}

/**
 * Applies the fixes of `ruleId` (safe only, or all with `all`) pass by pass until none is left
 * (at most `passes`), re-validating between passes as `--fix` does. Returns the fixed text and
 * the number of passes that changed something.
 */
export function fixText(
  text: string,
  ruleId: string | undefined,
  options: ValidateOptions & { all?: boolean; passes?: number } = {},
): { text: string; passes: number; remaining: Finding[] } {
  const { all, passes = 10, ...validate } = options;
  let current = text;
  for (let pass = 0; pass <= passes; pass++) {
    const fixable = validateManifest(current, validate).findings.filter(
      (f) =>
        f.fix !== undefined &&
        (ruleId === undefined || f.ruleId === ruleId) &&
        (all || f.fix.safety === 'safe'),
    );
    if (fixable.length === 0) return { text: current, passes: pass, remaining: [] };
    if (pass === passes) return { text: current, passes: pass, remaining: fixable };
    current = applyEdits(current, nonConflicting(fixable));
  }
  throw new Error('unreachable');
}

/** `fixtures/fix/*.before.yaml` of a rule folder, by name without the suffix. */
export function fixGoldens(ruleDir: string): string[] {
  const dir = join(ruleDir, 'fixtures', 'fix');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.before.yaml'))
    .map((file) => file.slice(0, -'.before.yaml'.length))
    .sort();
}

/** Lines [first, next object's first) of a finding's object in its file (Infinity: to the end). */
export function objectLines(result: ValidationResult, finding: Finding): [number, number] {
  const lines = result.objects.map((o) => o.line).sort((a, b) => a - b);
  const own = result.objects.find(
    (o) =>
      o.documentIndex === finding.object.documentIndex &&
      o.kind === finding.object.kind &&
      o.name === finding.object.name,
  );
  const start = own?.line ?? 1;
  return [start, lines.find((line) => line > start) ?? Infinity];
}
