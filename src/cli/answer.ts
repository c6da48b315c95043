import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parse, stringify } from 'yaml';
import { DomainError } from '../common/errors.js';
import { emit } from './output.js';
import { UsageError } from './usage.js';

/** The options every "print what the endpoint answers" command shares. */
export function parseAnswerArgs(argv: string[], extra: ParseArgsConfig['options'] = {}) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string' }, output: { type: 'string', short: 'o' }, ...extra },
  });
  const format = (values.format as string | undefined) ?? 'yaml';
  if (format !== 'yaml' && format !== 'json')
    throw new UsageError(`--format must be yaml or json (got "${format}")`);
  const strings = values as Record<string, string | undefined>;
  return { values: strings, positionals, format, output: strings.output };
}

/** A request body from a file or stdin (`-`), JSON or YAML. */
export function readBody(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${(error as Error).message}`, false);
  }
  try {
    return parse(text);
  } catch (error) {
    throw new UsageError(`${path} is neither JSON nor YAML: ${(error as Error).message}`, false);
  }
}

/** Prints `value` as the API's JSON, or the same data as YAML. */
export function print(value: unknown, format: string, output?: string): void {
  emit(format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value), output);
}

/** What the API answers with a 4xx becomes a message naming the fields, and exit 2. */
export function asUsage(error: unknown): never {
  if (error instanceof DomainError) {
    const fields = (error.errors ?? []).map((f) => `  ${f.field}: ${f.message}`);
    throw new UsageError([error.message, ...fields].join('\n'), false);
  }
  throw error;
}
