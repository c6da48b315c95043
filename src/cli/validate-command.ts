import { parseArgs } from 'node:util';
import { DomainError } from '../common/errors.js';
import { applyConfig } from '../validation/engine/config.js';
import { type ManifestFile, unsafeFilename } from '../validation/engine/files.js';
import type { ValidationResult } from '../validation/engine/result.js';
import { validateFiles } from '../validation/engine/validate.js';
import type { ApplyMode } from '../validation/fixing/apply.js';
import type { FixOutcome } from '../validation/fixing/fix-bundle.js';
import { fixWithMemo } from '../validation/fixing/fix-run.js';
import { findConfig } from './config-file.js';
import { collectFiles } from './files.js';
import { fixDiff, writeFixedFiles } from './fix-files.js';
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
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      apply: { type: 'string' },
    },
  });
  const format: Format = oneOf(values.format, FORMATS, '--format') ?? 'text';
  const failOn = oneOf(values['fail-on'], FAIL_ON, '--fail-on') ?? 'error';
  const scope = oneOf(values.scope, ['complete', 'partial'] as const, '--scope');
  const fixing = fixMode(values, positionals);
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
  let result: ValidationResult;
  let fixed: FixOutcome | undefined;
  try {
    // `ignore` was applied while collecting (relative to the config's directory, not the cwd).
    const applied = applyConfig({ ...config, ignore: undefined }, engineFiles, {
      kubernetesVersion: values['kubernetes-version'],
      scope,
      pattern: values.pattern,
      disable,
    });
    if (fixing) {
      fixed = await fixWithMemo(applied.files, false, applied.options, fixing.apply);
      result = restoreNames(fixed.result, aliases);
    } else {
      result = restoreNames(validateFiles(applied.files, applied.options), aliases);
    }
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
  if (fixed && fixing?.dryRun) {
    // The diff alone on stdout, so `podwire validate --fix-dry-run | git apply` works.
    const { diff, files: count } = fixDiff(fixed, files);
    emit(diff, values.output);
    process.stderr.write(
      `podwire: ${fixed.applied.length} fix(es) would change ${count} file(s); ${remaining(result)} would remain\n`,
    );
    return exitCode(result, failOn);
  }
  if (fixed) {
    const count = writeFixedFiles(fixed, files, cwd);
    process.stderr.write(
      `podwire: applied ${fixed.applied.length} fix(es) to ${count} file(s); ${remaining(result)} remain\n`,
    );
  }
  // On a terminal a person reads the report: colour and a summary; piped, only the report.
  const terminal = process.stdout.isTTY === true;
  const colour = values.output === undefined && format === 'text' && useColour(process.stdout);
  const filenames = files.map((file) => file.filename);
  emit(
    formatResult(result, format, {
      colour,
      filenames,
      toolVersion: toolVersion(),
      sources: files.map((file, i) => ({
        filename: file.filename,
        content: fixed ? fixed.files[i].content : file.content,
      })),
    }),
    values.output,
  );
  if (terminal && (format === 'text' || values.output !== undefined))
    process.stdout.write(summaryLine(result, files.length, useColour(process.stdout)));
  return exitCode(result, failOn);
}

function exitCode(result: ValidationResult, failOn: (typeof FAIL_ON)[number]): number {
  const { errors, warnings } = result.summary;
  if (failOn === 'never') return 0;
  return errors > 0 || (failOn === 'warning' && warnings > 0) ? 1 : 0;
}

function remaining(result: ValidationResult): string {
  const { errors, warnings, infos } = result.summary;
  return `${errors} error(s), ${warnings} warning(s), ${infos} info(s)`;
}

/** `--fix` / `--fix-dry-run` / `--apply`, checked together; undefined when not fixing. */
function fixMode(
  values: { fix?: boolean; 'fix-dry-run'?: boolean; apply?: string },
  positionals: readonly string[],
): { dryRun: boolean; apply: ApplyMode } | undefined {
  const apply = oneOf(values.apply, ['safe', 'all'] as const, '--apply');
  if (values.fix && values['fix-dry-run'])
    throw new UsageError('--fix and --fix-dry-run exclude each other');
  if (!values.fix && !values['fix-dry-run']) {
    if (apply !== undefined) throw new UsageError('--apply needs --fix or --fix-dry-run');
    return undefined;
  }
  if (values.fix && positionals.includes('-'))
    throw new UsageError('--fix cannot rewrite stdin; use --fix-dry-run for a diff');
  return { dryRun: values['fix-dry-run'] === true, apply: apply ?? 'safe' };
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
