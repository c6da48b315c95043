import { createTwoFilesPatch, FILE_HEADERS_ONLY, OMIT_HEADERS } from 'diff';
import type { Fix } from '../engine/result.js';
import { applyFixes, type FixSource } from './apply.js';

/**
 * A unified diff of one file as `git apply` / `patch -p1` read it (`a/` and `b/` prefixes), or ''
 * when the texts are equal.
 */
export function unifiedDiff(filename: string, before: string, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(
    `a/${filename}`,
    `b/${filename}`,
    before,
    after,
    undefined,
    undefined,
    {
      context: 3,
      headerOptions: FILE_HEADERS_ONLY,
    },
  );
}

/**
 * The hunks one fix makes in `source` (its edits in that file; no file headers, one line of
 * context): what a markdown report shows as "the suggested change". Undefined when the fix has no
 * edit there or does not apply to the text (a range outside it).
 */
export function fixHunks(source: FixSource, whole: Fix): string | undefined {
  const fix = { ...whole, edits: whole.edits.filter((e) => e.filename === source.filename) };
  if (fix.edits.length === 0) return undefined;
  const finding = {
    ruleId: '',
    severity: 'info' as const,
    message: '',
    object: { documentIndex: 0 },
    path: '',
    range: fix.edits[0]?.range ?? { line: 1, column: 1, endLine: 1, endColumn: 1 },
    fix,
  };
  const round = applyFixes([source], [finding], 'all');
  if (round.applied.length === 0) return undefined;
  const after = round.sources[0].content;
  const patch = createTwoFilesPatch('', '', source.content, after, undefined, undefined, {
    context: 1,
    headerOptions: OMIT_HEADERS,
  });
  return patch.replace(/\n$/, '');
}
