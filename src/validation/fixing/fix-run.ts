import { ChunkedParser } from '../engine/chunks.js';
import type { Finding, ValidationResult } from '../engine/result.js';
import {
  type ManifestFile,
  type ValidateOptions,
  validateFiles,
  validateManifest,
} from '../engine/validate.js';
import type { ApplyMode, FixSource } from './apply.js';
import { fixBundle, type FixOutcome } from './fix-bundle.js';

/** Rule and severity of findings: what `podwire_findings_total` counts. */
export type FindingTally = Array<Pick<Finding, 'ruleId' | 'severity'>>;

/**
 * A whole fix (every round of fixBundle) in one place, as `POST /v1/manifests/fix` (inline or in
 * a pool worker) and `podwire validate --fix` run it. The validations share one ChunkedParser,
 * so a round after the first re-reads only the documents its fixes changed, and the parser's
 * memory goes with the fix. `single`: `sources` is one unnamed manifest (validateManifest), else
 * files (validateFiles). `submitted`: the findings of the files as sent (the first validation),
 * which the metrics count once per request.
 */
export async function fixWithMemo(
  sources: readonly FixSource[],
  single: boolean,
  options: ValidateOptions,
  mode: ApplyMode,
): Promise<FixOutcome & { submitted: FindingTally }> {
  const parser = new ChunkedParser();
  let submitted: FindingTally | undefined;
  const outcome = await fixBundle(
    sources,
    async (next) => {
      parser.nextValidation();
      const memoised = { ...options, parse: parser.parse };
      let result: ValidationResult;
      try {
        result = single
          ? validateManifest(next[0].content, memoised)
          : validateFiles(next as ManifestFile[], memoised);
      } finally {
        parser.endValidation();
      }
      submitted ??= result.findings.map(({ ruleId, severity }) => ({ ruleId, severity }));
      return result;
    },
    mode,
  );
  return { ...outcome, submitted: submitted ?? [] };
}
