import type { ValidationResult } from '../result.js';

/**
 * One `file:line:column: severity ruleId message` line per finding (compiler style, greppable).
 * A finding of a multi-file request names its own file; `filename` stands for a single manifest.
 */
export function formatText(result: ValidationResult, filename: string): string {
  let out = '';
  for (const finding of result.findings) {
    const message = finding.message.replace(/\s*\n\s*/g, ' ');
    const file = finding.object.filename ?? filename;
    out += `${file}:${finding.range.line}:${finding.range.column}: ${finding.severity} ${finding.ruleId} ${message}\n`;
  }
  return out;
}
