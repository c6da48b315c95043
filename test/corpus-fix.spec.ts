import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding, ValidationResult } from '../src/validation/engine/result.js';
import { validateManifest } from '../src/validation/engine/validate.js';
import { fixBundle } from '../src/validation/fixing/fix-bundle.js';
import { objectLines } from '../src/validation/rules/fix-testing.js';

/**
 * DESIGN §11's laws for the whole fixer (every rule's safe fixes together, overlaps and rounds)
 * over the regression corpus: upstream files nobody here wrote. Per file: the applied fixes'
 * findings are gone, no error appears that was not there, fixing again changes nothing, and no
 * fix offered edits outside its own object. (Per-rule laws over the rule fixtures:
 * src/validation/rules/fix-laws.spec.ts.)
 */
const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), 'corpus');
const files = readdirSync(CORPUS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) =>
    readdirSync(join(CORPUS, entry.name))
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => `${entry.name}/${name}`),
  )
  .sort();

/** Every rule's fixtures (not its fix goldens): small manifests, each with the defects of one rule. */
const RULES = resolve(dirname(fileURLToPath(import.meta.url)), '../src/validation/rules');
const ruleFixtures = readdirSync(RULES, { recursive: true, encoding: 'utf8' })
  .filter((path) => /\/fixtures\/[^/]+\.ya?ml$/.test(path))
  .sort();

const validate = async (sources: ReadonlyArray<{ content: string }>) =>
  validateManifest(sources[0].content);
/** The problem, not its position (lines move) nor its kind's spelling (a kind's case is a fix). */
const problem = (f: Pick<Finding, 'ruleId' | 'object' | 'path'>) =>
  `${f.ruleId}|${f.object.documentIndex}|${f.object.name ?? ''}|${f.path}`;
const errorsOf = (result: ValidationResult) =>
  new Set(
    result.findings
      .filter((f) => f.severity === 'error')
      .map((f) => `${f.ruleId}|${f.object.documentIndex}|${f.object.name ?? ''}`),
  );

describe('fixing the regression corpus', () => {
  let fixedFiles = 0;

  it.each(files)(
    '%s: fixes remove their findings, add no error, and are idempotent',
    async (file) => {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      const before = validateManifest(text);
      const once = await fixBundle([{ content: text }], validate, 'safe');
      if (once.applied.length > 0) fixedFiles++;
      expect(once.files[0].changed).toBe(once.applied.length > 0);
      const after = new Set(once.result.findings.map(problem));
      const stuck = new Set(
        once.skipped.filter((s) => s.reason.includes('still reported')).map(problem),
      );
      for (const fix of once.applied) {
        if (!stuck.has(problem(fix)))
          expect(after, `${fix.ruleId} ${fix.path}`).not.toContain(problem(fix));
      }
      const earlier = errorsOf(before);
      expect([...errorsOf(once.result)].filter((e) => !earlier.has(e))).toEqual([]);
      const twice = await fixBundle([{ content: once.files[0].content }], validate, 'safe');
      expect(twice.applied).toEqual([]);
      expect(twice.files[0].changed).toBe(false);
    },
  );

  // Suggestions change behaviour by design, but never into a manifest the API server rejects:
  // together with the safe fixes (a proxy moved to initContainers while keys are added to it, two
  // keys into one empty flow mapping, a ConfigMap rename) they add no error and no syntax error.
  it.each(files)('%s: apply=all adds no error, and a second pass changes nothing', async (file) => {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    const earlier = errorsOf(validateManifest(text));
    const once = await fixBundle([{ content: text }], validate, 'all');
    expect([...errorsOf(once.result)].filter((e) => !earlier.has(e))).toEqual([]);
    const twice = await fixBundle([{ content: once.files[0].content }], validate, 'all');
    expect(twice.applied.map((a) => a.ruleId)).toEqual([]);
  });

  it.each(files)('%s: no fix edits outside its object', (file) => {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    const result = validateManifest(text);
    const end = text.split('\n').length;
    for (const finding of result.findings) {
      const [start, next] = objectLines(result, finding);
      for (const edit of finding.fix?.edits ?? []) {
        // A new object (a NetworkPolicy suggestion) is appended as a document at the end.
        if (edit.range.line >= end && edit.newText.includes('---\n')) continue;
        expect(edit.range.line, `${finding.ruleId} in ${file}`).toBeGreaterThanOrEqual(start);
        expect(edit.range.endLine, `${finding.ruleId} in ${file}`).toBeLessThan(next);
      }
    }
  });

  it('the laws are not vacuous: some corpus files have safe fixes', () => {
    expect(fixedFiles).toBeGreaterThan(5);
  });
});

describe('apply=all over the rule fixtures', () => {
  it.each(ruleFixtures)('%s: suggestions and safe fixes together add no error', async (file) => {
    const text = readFileSync(join(RULES, file), 'utf8');
    const options = /^# options: (\{.*\})\s*$/.exec(text.split('\n')[0])?.[1];
    const run = async (sources: ReadonlyArray<{ content: string }>) =>
      validateManifest(sources[0].content, options ? (JSON.parse(options) as object) : {});
    const earlier = errorsOf(await run([{ content: text }]));
    const once = await fixBundle([{ content: text }], run, 'all');
    expect([...errorsOf(once.result)].filter((e) => !earlier.has(e))).toEqual([]);
  });
});
