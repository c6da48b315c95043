import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, ValidationResult } from '../engine/result.js';
import { validateManifest } from '../engine/validate.js';
import { applyEdits, fixGoldens, fixText, objectLines } from './fix-testing.js';
import { rules } from './index.js';
import { RULES_DIR, ruleFixtures } from './testing.js';

/**
 * DESIGN §11's laws over every rule's fixtures (valid-*, invalid-* and fix/*.before.yaml): a safe
 * fix removes its finding and adds no error; fixing until nothing is left ends, and then nothing
 * is left to fix (idempotent); no edit leaves the finding's object (a new document at the end of
 * the file excepted).
 */

const identity = (f: Finding): string =>
  `${f.ruleId}|${f.object.documentIndex}|${f.object.kind}|${f.object.name}|${f.path}|${f.message}`;

const errors = (result: ValidationResult): Set<string> =>
  new Set(result.findings.filter((f) => f.severity === 'error').map(identity));

interface Case {
  id: string;
  file: string;
  text: string;
  options: Record<string, unknown>;
}

const cases: Case[] = rules.flatMap((rule) => {
  const [scope, name] = rule.id.split('/');
  const dir = join(RULES_DIR, scope, name);
  const { valid, invalid } = ruleFixtures(dir);
  const files = [
    ...valid,
    ...invalid,
    ...fixGoldens(dir).map((golden) => `fix/${golden}.before.yaml`),
  ];
  return files.map((file) => {
    const text = readFileSync(join(dir, 'fixtures', file), 'utf8');
    const options = /^# options: (\{.*\})\s*$/.exec(text.split('\n')[0])?.[1];
    return { id: rule.id, file, text, options: options ? JSON.parse(options) : {} };
  });
});

const withSafeFix = cases
  .map((c) => {
    const result = validateManifest(c.text, c.options);
    const fixes = result.findings.filter((f) => f.ruleId === c.id && f.fix?.safety === 'safe');
    return { ...c, result, fixes };
  })
  .filter((c) => c.fixes.length > 0);

describe('fix laws over the rule fixtures', () => {
  it('some fixtures have safe fixes (the laws below are not vacuous)', () => {
    expect(withSafeFix.length).toBeGreaterThan(10);
  });

  describe.each(withSafeFix.map((c) => [`${c.id} ${c.file}`, c] as const))('%s', (_, c) => {
    it('each safe fix removes its finding and adds no error', () => {
      const before = errors(c.result);
      for (const finding of c.fixes) {
        const after = validateManifest(applyEdits(c.text, finding.fix?.edits ?? []), c.options);
        expect(after.findings.map(identity)).not.toContain(identity(finding));
        expect([...errors(after)].filter((e) => !before.has(e))).toEqual([]);
      }
    });

    it('no edit leaves the finding’s object (a new document at the end of the file excepted)', () => {
      const end = c.text.split('\n').length;
      for (const finding of c.fixes) {
        const [start, next] = objectLines(c.result, finding);
        for (const edit of finding.fix?.edits ?? []) {
          const appended = edit.range.line >= end && edit.newText.includes('---\n');
          if (appended) continue;
          expect(edit.range.line).toBeGreaterThanOrEqual(start);
          expect(edit.range.endLine).toBeLessThan(next === Infinity ? Infinity : next);
        }
      }
    });

    it('fixing all safe fixes ends, and then nothing is left to fix (idempotent)', () => {
      const once = fixText(c.text, c.id, c.options);
      expect(once.remaining).toEqual([]);
      expect(fixText(once.text, c.id, c.options).passes).toBe(0);
    });
  });
});
