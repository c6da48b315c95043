import { DomainError } from '../../common/errors.js';
import type { Finding, ValidationResult } from '../../validation/engine/result.js';

/** Error findings of the new object that the old one already had. */
export type Inherited = ReadonlySet<Finding>;

/**
 * Ratcheting: which of `errors` (of the object being written) the stored object already had,
 * matched by rule id and JSON Pointer. A finding that moved (a container reordered) counts as
 * new: the path is what a reviewer can point at. The old object is validated only when the new
 * one has errors; one too large or deep to validate inherits nothing, so the gate stays strict.
 */
export async function inheritedFindings(
  errors: readonly Finding[],
  oldObject: unknown,
  validateOld: (old: Record<string, unknown>) => ValidationResult | Promise<ValidationResult>,
): Promise<Inherited> {
  if (errors.length === 0 || !isRecord(oldObject)) return new Set();
  let old: ValidationResult;
  try {
    old = await validateOld(oldObject);
  } catch (error) {
    if (error instanceof DomainError && error.status === 422) return new Set();
    throw error;
  }
  const before = new Set(
    old.findings.filter((f) => f.severity === 'error').map((f) => key(f.ruleId, f.path)),
  );
  return new Set(errors.filter((f) => before.has(key(f.ruleId, f.path))));
}

function key(ruleId: string, path: string): string {
  // NUL never occurs in a rule id, so the pair is unambiguous.
  return `${ruleId}\u0000${path}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
