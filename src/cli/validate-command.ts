import { parseArgs } from 'node:util';
import { DomainError } from '../common/errors.js';
import { applyConfig } from '../validation/engine/config.js';
import { type ManifestFile, unsafeFilename } from '../validation/engine/files.js';
import type { ValidationResult } from '../validation/engine/result.js';
import { validateFiles } from '../validation/engine/validate.js';
import { findConfig } from './config-file.js';
import { collectFiles } from './files.js';
import { FORMATS, type Format, formatResult, summaryLine } from './format.js';
import { emit, toolVersion, useColour } from './output.js';
import { UsageError } from './usage.js';

const FAIL_ON = ['error', 'warning', 'never'] as const;
/** Runs longer than this show a progress line on stderr (a terminal only). */
const PROGRESS_AFTER_MS = 2000;
/** Bundles this big take seconds to validate: say so before the (synchronous) run starts. */
const PROGRESS_BYTES = 2 * 1024 * 1024;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string) {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/** `podwire validate`: exit 0 clean, 1 when a finding meets --fail-on, 2 for a usage/input error. */
export async function validateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'kubernetes-version': { type: 'string' },
      scope: { type: 'string' },
      pattern: { type: 'string' },
      disable: { type: 'string', multiple: true },
      config: { type: 'string' },
      'fail-on': { type: 'string' },
      'stdin-filename': { type: 'string' },
    },
  });
  const format: Format = oneOf(values.format, FORMATS, '--format') ?? 'text';
  const failOn = oneOf(values['fail-on'], FAIL_ON, '--fail-on') ?? 'error';
  const scope = oneOf(values.scope, ['complete', 'partial'] as const, '--scope');
  const cwd = process.cwd();
  const { config, root } = findConfig(cwd, values.config);
  const started = Date.now();
  const progress = process.stderr.isTTY
    ? setTimeout(() => process.stderr.write('podwire: reading files…\r'), PROGRESS_AFTER_MS)
    : undefined;
  const files = await collectFiles(positionals.length > 0 ? positionals : ['.'], {
    cwd,
    root,
    ignore: config.ignore ?? [],
    stdinFilename: values['stdin-filename'] ?? 'stdin.yaml',
  });
  clearTimeout(progress);
  const bytes = files.reduce((sum, file) => sum + file.content.length, 0);
  const showProgress =
    process.stderr.isTTY && (Date.now() - started > PROGRESS_AFTER_MS || bytes > PROGRESS_BYTES);
  if (showProgress)
    process.stderr.write(`podwire: validating ${files.length} file(s), ${bytes} bytes…\n`);
  const disable = (values.disable ?? []).flatMap((d) => d.split(',')).filter((d) => d !== '');
  const { files: engineFiles, aliases } = safeNames(files);
  let result;
  try {
    // `ignore` was applied while collecting (relative to the config's directory, not the cwd).
    const applied = applyConfig({ ...config, ignore: undefined }, engineFiles, {
      kubernetesVersion: values['kubernetes-version'],
      scope,
      pattern: values.pattern,
      disable,
    });
    result = restoreNames(validateFiles(applied.files, applied.options), aliases);
  } catch (error) {
    // A limit (422) or a bad option such as an unknown rule id (400): nothing was validated.
    if (error instanceof DomainError) {
      const fields = error.errors ?? [];
      throw new UsageError(
        [error.message, ...fields.map((f) => `  ${f.field}: ${f.message}`)].join('\n'),
        false,
      );
    }
    throw error;
  }
  // On a terminal a person reads the report: colour and a summary; piped, only the report.
  const terminal = process.stdout.isTTY === true;
  const colour = values.output === undefined && format === 'text' && useColour(process.stdout);
  const filenames = files.map((file) => file.filename);
  emit(
    formatResult(result, format, { colour, filenames, toolVersion: toolVersion() }),
    values.output,
  );
  if (terminal && (format === 'text' || values.output !== undefined))
    process.stdout.write(summaryLine(result, files.length, useColour(process.stdout)));
  const { errors, warnings } = result.summary;
  if (failOn === 'never') return 0;
  return errors > 0 || (failOn === 'warning' && warnings > 0) ? 1 : 0;
}

/**
 * The engine accepts only repository-relative filenames (no `..`, no absolute path), but a CLI user
 * may name files anywhere: those get a stand-in name for the run and their own name back after.
 */
function safeNames(files: readonly ManifestFile[]) {
  const aliases = new Map<string, string>();
  const safe = files.map((file, i) => {
    if (unsafeFilename(file.filename) === undefined) return file;
    const alias = `podwire-external/${i}`;
    aliases.set(alias, file.filename);
    return { ...file, filename: alias };
  });
  return { files: safe, aliases };
}

function restoreNames(result: ValidationResult, aliases: ReadonlyMap<string, string>) {
  if (aliases.size === 0) return result;
  const rename = <T extends { filename?: string }>(ref: T): T =>
    ref.filename !== undefined && aliases.has(ref.filename)
      ? { ...ref, filename: aliases.get(ref.filename) }
      : ref;
  return {
    ...result,
    objects: result.objects.map(rename),
    findings: result.findings.map((finding) => ({
      ...finding,
      object: rename(finding.object),
      ...(finding.related
        ? {
            related: finding.related.map((related) => ({
              ...related,
              object: rename(related.object),
            })),
          }
        : {}),
    })),
  };
}
