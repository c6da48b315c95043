import type { FixSource } from '../../fixing/apply.js';
import type { ValidationResult } from '../result.js';
import { suggestedChanges } from './markdown-fixes.js';

/** Chat messages stay readable: longer lists are cut with a count of what was left out. */
const MAX_ROWS = 50;

function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

function objectName(ref: { kind?: string; namespace?: string; name?: string }): string {
  if (!ref.kind) return '';
  return [ref.kind, ref.namespace, ref.name].filter((part) => part !== undefined).join('/');
}

/**
 * A short report for chat (Slack/Mattermost render GitHub-flavoured tables). A multi-file result
 * (`files` given) gets one table per file that has findings, in the order the files came. Fixes
 * follow as diffs, real ones when `sources` (the submitted texts) are given.
 */
export function formatMarkdown(
  result: ValidationResult,
  filename: string,
  files?: readonly string[],
  sources?: readonly FixSource[],
): string {
  const { summary } = result;
  const verdict = result.valid ? '✅ valid' : '❌ invalid';
  const subject = files ? `${files.length} file(s)` : `\`${cell(filename)}\``;
  const lines = [
    `### podwire: ${subject} ${files ? 'are' : 'is'} ${verdict}`,
    '',
    `${summary.objects} object(s) in ${summary.documents} document(s): **${summary.errors} error(s)**, ${summary.warnings} warning(s), ${summary.infos} info(s).`,
  ];
  if (result.patterns.length > 0) {
    lines.push(
      '',
      `Patterns: ${result.patterns.map((p) => `\`${p.pattern}\` (${p.objects.join(', ')})`).join('; ')}`,
    );
  }
  if (result.findings.length > 0) {
    let file: string | undefined;
    for (const finding of result.findings.slice(0, MAX_ROWS)) {
      const own = files ? (finding.object.filename ?? filename) : undefined;
      if (file === undefined || own !== file) {
        file = own ?? '';
        if (own !== undefined) lines.push('', `#### \`${cell(own)}\``);
        lines.push('', '| Severity | Rule | Where | Message |', '|---|---|---|---|');
      }
      const where =
        `${finding.range.line}:${finding.range.column} ${objectName(finding.object)}`.trim();
      lines.push(
        `| ${finding.severity} | \`${finding.ruleId}\` | ${cell(where)} | ${cell(finding.message)} |`,
      );
    }
    // Findings the result itself left out (RESULT_LIMITS) count among the ones not shown.
    const hidden =
      Math.max(0, result.findings.length - MAX_ROWS) + (result.truncated?.findings ?? 0);
    if (hidden > 0) lines.push('', `… and ${hidden} more finding(s).`);
    lines.push(...suggestedChanges(result.findings.slice(0, MAX_ROWS), sources, cell));
  }
  if (result.skippedRules)
    lines.push('', `⚠️ Skipped after an internal error: ${result.skippedRules.join(', ')}`);
  return lines.join('\n') + '\n';
}
