import {
  DEFAULT_KUBERNETES_RELEASE,
  KUBERNETES_VERSION_MESSAGE,
  parseKubernetesVersion,
} from '../../kubernetes/releases.js';
import { BadRequestError, type FieldError } from '../../common/errors.js';
import { rules as registeredRules } from '../rules/index.js';
import { detectors } from './detectors.js';
import type { ValidationResult } from './result.js';
import { runEngine } from './run.js';
import type { Rule } from './types.js';

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
  /** Called when a rule or detector throws (it is then skipped and listed in `skippedRules`). */
  onInternalError?: (source: string, error: unknown) => void;
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

/** `validateManifest` with a given rule list (tests, and callers that run a subset). */
export function validateWith(
  rules: readonly Rule[],
  text: string,
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
  if (errors.length > 0) throw new BadRequestError('rules.disable names unknown rules.', errors);
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
    text,
    {
      pattern: options.pattern,
      kubernetesVersion,
      scope: options.scope ?? 'complete',
      disable: new Set(options.disable ?? []),
      onInternalError: options.onInternalError,
    },
    rules,
    detectors,
  );
}
