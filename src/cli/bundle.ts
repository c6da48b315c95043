import type { Finding, RelatedLocation, ValidationResult } from '../validation/engine/result.js';
import type { Range, Severity } from '../validation/engine/types.js';
import { type ValidateOptions, validateManifest } from '../validation/engine/validate.js';

/**
 * Interim multi-file validation for the CLI: the files are joined into one bundle (so references
 * across files resolve) and every position is mapped back to its own file. To be replaced by the
 * engine's `validateFiles` (issue 14, multi-file branch) when it lands.
 */
export interface SourceFile {
  filename: string;
  content: string;
}

export type FileRelated = RelatedLocation & { filename: string };
export type FileFinding = Omit<Finding, 'related'> & { filename: string; related?: FileRelated[] };
export interface FilesResult extends Omit<ValidationResult, 'findings' | 'objects'> {
  objects: Array<ValidationResult['objects'][number] & { filename: string }>;
  findings: FileFinding[];
}

export function validateFiles(
  files: readonly SourceFile[],
  options: Omit<ValidateOptions, 'filename'> & { severity?: Record<string, Severity> } = {},
): FilesResult {
  const starts: number[] = [];
  let text = '';
  let line = 1;
  for (const file of files) {
    if (text !== '') {
      text += '---\n';
      line += 1;
    }
    starts.push(line);
    const content = file.content.endsWith('\n') ? file.content : `${file.content}\n`;
    text += content;
    line += content.split('\n').length - 1;
  }
  const result = validateManifest(text, options);
  const locate = (at: number) => {
    let i = starts.length - 1;
    while (i > 0 && starts[i] > at) i--;
    return { index: Math.max(i, 0), offset: (starts[i] ?? 1) - 1 };
  };
  const filename = (at: number) => files[locate(at).index]?.filename ?? 'stdin.yaml';
  const shift = (range: Range): Range => {
    const { offset } = locate(range.line);
    return {
      line: range.line - offset,
      column: range.column,
      endLine: Math.max(range.endLine - offset, range.line - offset),
      endColumn: range.endColumn,
    };
  };
  const findings = result.findings.map(({ related, ...finding }): FileFinding => {
    const severity = options.severity?.[finding.ruleId] ?? finding.severity;
    return {
      ...finding,
      severity,
      filename: filename(finding.range.line),
      range: shift(finding.range),
      ...(related
        ? {
            related: related.map((location) => ({
              ...location,
              filename: filename(location.range.line),
              range: shift(location.range),
            })),
          }
        : {}),
    };
  });
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  return {
    ...result,
    valid: count('error') === 0,
    summary: {
      ...result.summary,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
    },
    objects: result.objects.map((object) => ({
      ...object,
      filename: filename(object.line),
      line: object.line - locate(object.line).offset,
    })),
    findings,
  };
}
