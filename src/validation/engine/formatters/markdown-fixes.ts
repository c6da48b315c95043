import { fixHunks } from '../../fixing/unified-diff.js';
import type { FixSource } from '../../fixing/apply.js';
import type { Finding, Fix } from '../result.js';

/** Each diff is a few lines; a chat message shows the first ones and counts the rest. */
const MAX_FIXES = 10;

/** A fence longer than any run of backticks in the text, so the text cannot close it. */
function fence(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Without the submitted text there is nothing to delete from: each edit's new text, added. */
function insertedOnly(fix: Fix): string {
  return fix.edits
    .map((edit) => {
      const lines = edit.newText.replace(/\n$/, '').split('\n');
      return [`@@ ${edit.range.line}:${edit.range.column} @@`, ...lines.map((l) => `+${l}`)].join(
        '\n',
      );
    })
    .join('\n');
}

function diffOf(fix: Fix, sources: readonly FixSource[] | undefined): string {
  if (!sources) return insertedOnly(fix);
  const parts: string[] = [];
  for (const filename of new Set(fix.edits.map((edit) => edit.filename))) {
    const source = sources.find((s) => s.filename === filename);
    const hunks = source ? fixHunks(source, fix) : undefined;
    if (hunks === undefined) return insertedOnly(fix);
    parts.push(filename !== undefined && sources.length > 1 ? `# ${filename}\n${hunks}` : hunks);
  }
  return parts.join('\n');
}

/**
 * "Suggested changes": each fix of the findings shown as a ```diff block under its rule and
 * position (DESIGN §11). With `sources` (the submitted texts) the block is a real diff with the
 * lines the fix replaces; without, the lines it adds.
 */
export function suggestedChanges(
  findings: readonly Finding[],
  sources: readonly FixSource[] | undefined,
  cell: (text: string) => string,
): string[] {
  const fixable = findings.filter((f): f is Finding & { fix: Fix } => f.fix !== undefined);
  if (fixable.length === 0) return [];
  const lines = ['', '**Suggested changes**'];
  for (const finding of fixable.slice(0, MAX_FIXES)) {
    const where = `${finding.object.filename ? `${finding.object.filename}:` : ''}${finding.range.line}:${finding.range.column}`;
    const diff = diffOf(finding.fix, sources);
    const marks = fence(diff);
    lines.push(
      '',
      `\`${finding.ruleId}\` at ${cell(where)} — ${cell(finding.fix.description)} (${finding.fix.safety})`,
      '',
      `${marks}diff`,
      diff,
      marks,
    );
  }
  if (fixable.length > MAX_FIXES)
    lines.push('', `… and ${fixable.length - MAX_FIXES} more fix(es).`);
  return lines;
}
