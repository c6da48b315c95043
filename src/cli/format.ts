import { formatMarkdown } from '../validation/engine/formatters/markdown.formatter.js';
import { formatSarif } from '../validation/engine/formatters/sarif.formatter.js';
import { formatText } from '../validation/engine/formatters/text.formatter.js';
import type { ValidationResult } from '../validation/engine/result.js';
import type { FixSource } from '../validation/fixing/apply.js';
import { rules } from '../validation/rules/index.js';

/** The API's formatters, given the file list: every finding on its own file (DESIGN §9). */
export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

const COLOURS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' } as const;
const RESET = '\x1b[0m';

function colourText(text: string): string {
  return text.replace(
    /^(.*?:\d+:\d+: )(error|warning|info) /gm,
    (_, where: string, severity: keyof typeof COLOURS) =>
      `${where}${COLOURS[severity]}${severity}${RESET} `,
  );
}

export function formatResult(
  result: ValidationResult,
  format: Format,
  context: {
    colour: boolean;
    filenames: readonly string[];
    toolVersion: string;
    /** The texts the result's ranges are in (after --fix, the fixed ones): markdown diffs. */
    sources?: readonly FixSource[];
  },
): string {
  const { filenames } = context;
  const single = filenames[0] ?? 'manifest.yaml';
  switch (format) {
    case 'json':
      return JSON.stringify(result, null, 2) + '\n';
    case 'sarif': {
      const log = formatSarif(result, {
        filename: single,
        files: filenames,
        rules,
        toolVersion: context.toolVersion,
        informationUri: 'https://podwire.dev',
      });
      return JSON.stringify(log, null, 2) + '\n';
    }
    case 'markdown':
      return formatMarkdown(result, single, filenames, context.sources);
    default: {
      const text = formatText(result, single);
      return context.colour ? colourText(text) : text;
    }
  }
}

/** `2 file(s), 7 object(s): 1 error(s), 0 warning(s), 3 info(s)` — for a terminal only. */
export function summaryLine(result: ValidationResult, files: number, colour: boolean): string {
  const { errors, warnings, infos, objects } = result.summary;
  const line = `${files} file(s), ${objects} object(s): ${errors} error(s), ${warnings} warning(s), ${infos} info(s)`;
  if (!colour) return `${line}\n`;
  const tint = errors > 0 ? COLOURS.error : warnings > 0 ? COLOURS.warning : '\x1b[32m';
  return `${tint}${line}${RESET}\n`;
}
