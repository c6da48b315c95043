import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding, ValidateOptions, ValidationResult } from '../engine/validate.js';
import { validateManifest } from '../engine/validate.js';

/**
 * Test helpers shared by every rule spec (`<name>.rule.spec.ts`). They run the real engine with
 * every registered rule, so a fixture is checked exactly as the API would check it.
 *
 *   const findings = fixtureFindings(import.meta.url, 'invalid-two-names.yaml', 'pod/port-conflict');
 *   expect(findings.map(at)).toEqual([[12, 25, 12, 29]]);
 */

/** Absolute path of `fixtures/<name>` next to the spec whose `import.meta.url` is given. */
export function fixturePath(specUrl: string, name: string): string {
  return join(dirname(fileURLToPath(specUrl)), 'fixtures', name);
}

/** Validates `fixtures/<name>` (next to the calling spec) with every registered rule. */
export function validateFixture(
  specUrl: string,
  name: string,
  options: ValidateOptions = {},
): ValidationResult {
  return validateManifest(readFileSync(fixturePath(specUrl, name), 'utf8'), {
    filename: name,
    ...options,
  });
}

/** The findings of one rule for `fixtures/<name>`. */
export function fixtureFindings(
  specUrl: string,
  name: string,
  ruleId: string,
  options: ValidateOptions = {},
): Finding[] {
  return validateFixture(specUrl, name, options).findings.filter(
    (finding) => finding.ruleId === ruleId,
  );
}

/** The findings of one rule for a manifest given inline. */
export function findingsFor(
  text: string,
  ruleId: string,
  options: ValidateOptions = {},
): Finding[] {
  return validateManifest(text, options).findings.filter((finding) => finding.ruleId === ruleId);
}

/** A finding's range as `[line, column, endLine, endColumn]` (1-based, end column exclusive). */
export function at(finding: Pick<Finding, 'range'>): [number, number, number, number] {
  const { line, column, endLine, endColumn } = finding.range;
  return [line, column, endLine, endColumn];
}

/** The `valid-*` and `invalid-*` fixture file names of a rule folder. */
export function ruleFixtures(ruleDir: string): { valid: string[]; invalid: string[] } {
  let files: string[] = [];
  try {
    files = readdirSync(join(ruleDir, 'fixtures')).sort();
  } catch {
    files = [];
  }
  const yaml = files.filter((file) => /\.ya?ml$/.test(file));
  return {
    valid: yaml.filter((file) => file.startsWith('valid-')),
    invalid: yaml.filter((file) => file.startsWith('invalid-')),
  };
}

/** `src/validation/rules`, for tests that walk every rule folder. */
export const RULES_DIR = dirname(fileURLToPath(import.meta.url));

/** Issue 18 item 2: `l` holds `count` aliases of one `length`-character string; `keys` keys are `*l`. */
export function aliasKeyAttack(length: number, count: number, keys: number): string {
  const lines = [`s: &s ${'a'.repeat(length)}`, `l: &l [${Array(count).fill('*s').join(', ')}]`];
  for (let i = 0; i < keys; i++) lines.push('? *l', `: v${i}`);
  return lines.join('\n') + '\n';
}
