import { expect } from 'vitest';
import { ChunkedParser, splitChunks } from './chunks.js';
import type { ValidationResult } from './result.js';
import {
  type ManifestFile,
  type ValidateOptions,
  validateFiles,
  validateManifest,
} from './validate.js';

/** A validation's outcome, comparable whether it returned or threw. */
type Outcome =
  { result: ValidationResult } | { error: { type: string; message: string; limit?: unknown } };

/** The error thrown by the last outcomeOf that threw (rethrown by validateBothWays). */
let thrown: unknown;

function outcomeOf(run: () => ValidationResult): Outcome {
  try {
    return { result: run() };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    thrown = error;
    const limit = (error as { limit?: unknown }).limit;
    return { error: { type: error.constructor.name, message: error.message, limit } };
  }
}

type Input = string | readonly ManifestFile[];

function validate(input: Input, options: ValidateOptions): ValidationResult {
  return typeof input === 'string'
    ? validateManifest(input, options)
    : validateFiles(input, options);
}

/** The same texts with their chunks in reverse order: the same chunks at other offsets. */
function shuffled(input: Input): Input {
  const reverse = (text: string) =>
    splitChunks(text)
      .map((chunk) => chunk.text)
      .reverse()
      .join('');
  return typeof input === 'string'
    ? reverse(input)
    : input.map((file) => ({ ...file, content: reverse(file.content) })).reverse();
}

/**
 * Validates `input` as validateManifest/validateFiles do, and asserts that a ChunkedParser gives
 * the very same outcome (result, or error and limit): fresh, with every chunk remembered from a
 * validation of the same input, and with every chunk remembered from other positions. Returns the
 * plain result or throws its error (beyond 200,000 characters, the moved pass is skipped), so a spec can use it in place of validateManifest.
 */
export function validateBothWays(input: Input, options: ValidateOptions = {}): ValidationResult {
  const plain = outcomeOf(() => validate(input, options));
  const error = thrown;
  const parser = new ChunkedParser();
  const chunked = () => validate(input, { ...options, parse: parser.parse });
  expect(outcomeOf(chunked), 'read in chunks').toStrictEqual(plain);
  parser.nextValidation();
  expect(outcomeOf(chunked), 'chunks remembered').toStrictEqual(plain);
  // Large hostile inputs are checked fresh and remembered only: a third pass costs seconds.
  const size =
    typeof input === 'string' ? input.length : input.reduce((n, f) => n + f.content.length, 0);
  if (size > 200_000) return unwrap(plain, error);
  const moved = new ChunkedParser();
  outcomeOf(() => validate(shuffled(input), { ...options, parse: moved.parse }));
  moved.nextValidation();
  expect(
    outcomeOf(() => validate(input, { ...options, parse: moved.parse })),
    'chunks remembered at other offsets',
  ).toStrictEqual(plain);
  return unwrap(plain, error);
}

function unwrap(outcome: Outcome, error: unknown): ValidationResult {
  if ('error' in outcome) throw error;
  return outcome.result;
}

/** validateBothWays for a single manifest, with validateManifest's signature. */
export const validateManifestBothWays = (text: string, options: ValidateOptions = {}) =>
  validateBothWays(text, options);
