import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ManifestFile } from '../validation/engine/files.js';
import type { FixOutcome } from '../validation/fixing/fix-bundle.js';
import { unifiedDiff } from '../validation/fixing/unified-diff.js';

/**
 * `outcome.files[i]` is the fixed `originals[i]` (the engine saw the same list, some names
 * aliased): pairs each changed file with the name the user gave it.
 */
function changedFiles(outcome: FixOutcome, originals: readonly ManifestFile[]) {
  return outcome.files.flatMap((file, i) =>
    file.changed
      ? [{ filename: originals[i].filename, before: originals[i].content, after: file.content }]
      : [],
  );
}

/** `--fix`: rewrites the files that changed, only those (mtime and all stay for the rest). */
export function writeFixedFiles(
  outcome: FixOutcome,
  originals: readonly ManifestFile[],
  cwd: string,
): number {
  const changed = changedFiles(outcome, originals);
  for (const file of changed) writeFileSync(resolve(cwd, file.filename), file.after);
  return changed.length;
}

/** `--fix-dry-run`: one unified diff for every file that would change, in the files' order. */
export function fixDiff(
  outcome: FixOutcome,
  originals: readonly ManifestFile[],
): { diff: string; files: number } {
  const changed = changedFiles(outcome, originals);
  return {
    diff: changed.map((file) => unifiedDiff(file.filename, file.before, file.after)).join(''),
    files: changed.length,
  };
}
