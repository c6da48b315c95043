import {
  DEFAULT_KUBERNETES_RELEASE,
  KUBERNETES_VERSION_MESSAGE,
  parseKubernetesVersion,
} from '../../kubernetes/releases.js';
import { BadRequestError, type FieldError } from '../../common/errors.js';
import { rules as registeredRules } from '../rules/index.js';
import { detectors } from './detectors.js';
import type { ValidationResult } from './result.js';
import { type EngineSource, type ManifestParser, runEngine } from './run.js';
import { checkFiles, type ManifestFile } from './files.js';
import type { Rule, Severity } from './types.js';

export type { ManifestFile } from './files.js';

export type {
  DetectedPattern,
  Finding,
  RelatedLocation,
  ValidationResult,
  ValidationSummary,
} from './result.js';
export { LIMITS, ManifestLimitError } from './limits.js';

export interface ValidateOptions {
  /** Shown in SARIF/text output; not used by the JSON result. */
  filename?: string;
  /** A pattern id the bundle claims to implement; pattern rules then apply strictly. */
  pattern?: string;
  /** `1.31`, `1.31.4`, `v1.31` or `v1.31.4`; default the newest supported release. */
  kubernetesVersion?: string;
  /** `partial`: findings about absent referenced objects become `info`. Default `complete`. */
  scope?: 'complete' | 'partial';
  /** Rule ids to silence for the whole manifest. */
  disable?: readonly string[];
  /** Severity per rule id replacing the rule's own (`config.severity`). */
  severity?: Readonly<Record<string, Severity>>;
  /** Called when a rule or detector throws (it is then skipped and listed in `skippedRules`). */
  onInternalError?: (source: string, error: unknown) => void;
  /**
   * How sources are read; default parseManifest. The validations of one fix share a
   * ChunkedParser (chunks.ts), which gives the same result without re-reading what did not change.
   */
  parse?: ManifestParser;
}

/**
 * Validates a (multi-document) YAML manifest with every registered rule. Pure and synchronous.
 *
 * A manifest with problems is a normal result (`valid: false`). Throws `ManifestLimitError` (422)
 * beyond a limit of `LIMITS`, and `BadRequestError` (400) for an unknown rule id in `disable`.
 */
export function validateManifest(text: string, options: ValidateOptions = {}): ValidationResult {
  return validateWith(registeredRules, text, options);
}

/**
 * Validates the files of one application as one bundle (DESIGN §9): references across files
 * resolve, and every object, finding and related location carries its `filename`, with ranges in
 * that file. No file at all is a `manifest/empty` finding. Throws like `validateManifest`, and
 * `BadRequestError` naming `fieldOf(i)` for an unsafe or duplicate filename; more than
 * LIMITS.files files is a `ManifestLimitError`. Document and object limits hold for all files
 * together. To apply a `.podwire.yaml`/`config`, pass the result of `applyConfig` (config.ts).
 */
export function validateFiles(
  files: readonly ManifestFile[],
  options: ValidateOptions & { fieldOf?: (index: number) => string } = {},
): ValidationResult {
  checkFiles(files, options.fieldOf);
  return validateWith(
    registeredRules,
    files.map((file) => ({ filename: file.filename, text: file.content })),
    options,
  );
}

/** `validateManifest` with a given rule list (tests, and callers that run a subset). */
export function validateWith(
  rules: readonly Rule[],
  input: string | readonly EngineSource[],
  options: ValidateOptions = {},
): ValidationResult {
  const known = new Set(rules.map((rule) => rule.id));
  const errors: FieldError[] = [];
  (options.disable ?? []).forEach((id, i) => {
    if (!known.has(id))
      errors.push({
        field: `rules.disable[${i}]`,
        message: `"${id}" is not a rule id (see GET /v1/rules)`,
      });
  });
  for (const [id, level] of Object.entries(options.severity ?? {})) {
    if (!known.has(id)) {
      errors.push({
        field: `severity.${id}`,
        message: `"${id}" is not a rule id (see GET /v1/rules)`,
      });
    } else if (level !== 'error' && level !== 'warning' && level !== 'info') {
      errors.push({ field: `severity.${id}`, message: 'must be error, warning or info' });
    }
  }
  if (errors.length > 0) {
    throw new BadRequestError(
      errors[0].field.startsWith('severity')
        ? 'severity names unknown rules or severities.'
        : 'rules.disable names unknown rules.',
      errors,
    );
  }
  const kubernetesVersion =
    options.kubernetesVersion === undefined
      ? DEFAULT_KUBERNETES_RELEASE
      : parseKubernetesVersion(options.kubernetesVersion);
  if (kubernetesVersion === undefined) {
    throw new BadRequestError(KUBERNETES_VERSION_MESSAGE, [
      { field: 'kubernetesVersion', message: KUBERNETES_VERSION_MESSAGE },
    ]);
  }
  return runEngine(
    input,
    {
      pattern: options.pattern,
      kubernetesVersion,
      scope: options.scope ?? 'complete',
      disable: new Set(options.disable ?? []),
      severity: new Map(Object.entries(options.severity ?? {})),
      onInternalError: options.onInternalError,
    },
    rules,
    detectors,
    options.parse,
  );
}
