import { ChunkedParser } from '../engine/chunks.js';
import type { ValidationResult } from '../engine/result.js';
import {
  type ManifestFile,
  type ValidateOptions,
  validateFiles,
  validateManifest,
} from '../engine/validate.js';
import type { ApplyMode, FixSource } from './apply.js';
import { fixBundle, type FixOutcome } from './fix-bundle.js';

/**
 * A whole fix (every round of fixBundle) in one place, as `POST /v1/manifests/fix` (inline or in
 * a pool worker) and `podwire validate --fix` run it. The validations share one ChunkedParser,
 * so a round after the first re-reads only the documents its fixes changed, and the parser's
 * memory goes with the fix. `single`: `sources` is one unnamed manifest (validateManifest), else
 * files (validateFiles). `onValidated` sees every result, the submitted files' first.
 */
export function fixWithMemo(
  sources: readonly FixSource[],
  single: boolean,
  options: ValidateOptions,
  mode: ApplyMode,
  onValidated?: (result: ValidationResult) => void,
): Promise<FixOutcome> {
  const parser = new ChunkedParser();
  return fixBundle(
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
      onValidated?.(result);
      return result;
    },
    mode,
  );
}
