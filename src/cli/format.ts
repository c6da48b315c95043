import { formatSarif } from '../validation/engine/formatters/sarif.formatter.js';
import { rules } from '../validation/rules/index.js';
import type { Finding, ValidationResult } from '../validation/engine/result.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

const COLOURS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' } as const;
const RESET = '\x1b[0m';

/** The file an object or finding is in (every one has it when files are validated). */
function fileOf(ref: Finding['object']): string {
  return ref.filename ?? 'manifest.yaml';
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** `file:line:column: severity ruleId message`, compiler style (editors and grep understand it). */
function text(result: ValidationResult, colour: boolean): string {
  return result.findings
    .map((f) => {
      const severity = colour ? `${COLOURS[f.severity]}${f.severity}${RESET}` : f.severity;
      return `${fileOf(f.object)}:${f.range.line}:${f.range.column}: ${severity} ${f.ruleId} ${oneLine(f.message)}\n`;
    })
    .join('');
}

function cell(value: string): string {
  return oneLine(value).replace(/\|/g, '\\|');
}

function markdown(result: ValidationResult, files: number): string {
  const { summary } = result;
  const lines = [
    `### podwire: ${files} file(s) ${result.valid ? '✅ valid' : '❌ invalid'}`,
    '',
    `${summary.objects} object(s) in ${summary.documents} document(s): **${summary.errors} error(s)**, ${summary.warnings} warning(s), ${summary.infos} info(s).`,
  ];
  if (result.findings.length > 0) {
    lines.push('', '| Severity | Rule | Where | Message |', '|---|---|---|---|');
    for (const f of result.findings) {
      const where = `${fileOf(f.object)}:${f.range.line}:${f.range.column}`;
      lines.push(`| ${f.severity} | \`${f.ruleId}\` | \`${cell(where)}\` | ${cell(f.message)} |`);
    }
  }
  return lines.join('\n') + '\n';
}

/** SARIF with one artifact per file: each location points into its own file. */
function sarif(
  result: ValidationResult,
  toolVersion: string,
  filenames: readonly string[],
): string {
  const log = formatSarif(result, {
    filename: filenames[0] ?? 'manifest.yaml',
    rules,
    toolVersion,
    informationUri: 'https://podwire.dev',
  });
  const artifacts: string[] = [];
  const artifact = (filename: string) => {
    const uri = encodeURI(filename.replace(/\\/g, '/'));
    if (!artifacts.includes(uri)) artifacts.push(uri);
    return { uri, index: artifacts.indexOf(uri) };
  };
  for (const filename of filenames) artifact(filename);
  const run = log.runs[0];
  run.results.forEach((entry, i) => {
    const finding = result.findings[i];
    entry.locations[0].physicalLocation.artifactLocation = artifact(fileOf(finding.object));
    entry.relatedLocations?.forEach((related, j) => {
      related.physicalLocation.artifactLocation = artifact(fileOf(finding.related![j].object));
    });
  });
  run.artifacts = artifacts.map((uri) => ({ location: { uri } }));
  return JSON.stringify(log, null, 2) + '\n';
}

export function formatResult(
  result: ValidationResult,
  format: Format,
  context: { colour: boolean; filenames: readonly string[]; toolVersion: string },
): string {
  switch (format) {
    case 'json':
      return JSON.stringify(result, null, 2) + '\n';
    case 'sarif':
      return sarif(result, context.toolVersion, context.filenames);
    case 'markdown':
      return markdown(result, context.filenames.length);
    default:
      return text(result, context.colour);
  }
}

/** `2 files, 7 objects: 1 error, 0 warnings, 3 infos` — for a terminal only. */
export function summaryLine(result: ValidationResult, files: number, colour: boolean): string {
  const { errors, warnings, infos, objects } = result.summary;
  const line = `${files} file(s), ${objects} object(s): ${errors} error(s), ${warnings} warning(s), ${infos} info(s)`;
  if (!colour) return `${line}\n`;
  const tint = errors > 0 ? COLOURS.error : warnings > 0 ? COLOURS.warning : '\x1b[32m';
  return `${tint}${line}${RESET}\n`;
}
