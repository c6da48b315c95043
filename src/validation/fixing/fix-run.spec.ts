import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ManifestFile, validateFiles, validateManifest } from '../engine/validate.js';
import { fixGoldens } from '../rules/fix-testing.js';
import { rules } from '../rules/index.js';
import { RULES_DIR } from '../rules/testing.js';
import type { ApplyMode, FixSource } from './apply.js';
import { fixBundle } from './fix-bundle.js';
import { fixWithMemo } from './fix-run.js';

/**
 * fixWithMemo (one ChunkedParser for every round) must answer exactly what fixBundle answers with
 * a plain validation per round: same files, applied and skipped fixes, final result, validations.
 */

const plain = (
  sources: readonly FixSource[],
  single: boolean,
  options = {},
  mode: ApplyMode = 'all',
) =>
  fixBundle(
    sources,
    async (next) =>
      single
        ? validateManifest(next[0].content, options)
        : validateFiles(next as ManifestFile[], options),
    mode,
  );

const CORPUS = join(RULES_DIR, '..', '..', '..', 'test', 'corpus');

/** The fix outcome, without the submitted findings fixBundle does not report. */
const outcomeOf = ({ submitted: _, ...outcome }: Awaited<ReturnType<typeof fixWithMemo>>) =>
  outcome;

describe('fixWithMemo', () => {
  it('fixes every rule fix golden as fixBundle does (apply=all, with the golden options)', async () => {
    const befores = rules.flatMap((rule) => {
      const [scope, name] = rule.id.split('/');
      const dir = join(RULES_DIR, scope, name);
      return fixGoldens(dir).map((g) =>
        readFileSync(join(dir, 'fixtures', 'fix', `${g}.before.yaml`), 'utf8'),
      );
    });
    expect(befores.length).toBeGreaterThanOrEqual(15);
    let rounds = 0;
    for (const text of befores) {
      const line = /^# options: (\{.*\})\s*$/.exec(text.split('\n')[0])?.[1];
      const options = line ? (JSON.parse(line) as Record<string, unknown>) : {};
      const memo = outcomeOf(await fixWithMemo([{ content: text }], true, options, 'all'));
      expect(memo).toStrictEqual(await plain([{ content: text }], true, options));
      rounds += memo.validations - 1;
    }
    // Every golden has a fix, so every one validates its fixed text again (from the memo).
    expect(rounds).toBeGreaterThanOrEqual(befores.length);
  });

  it('fixes the corpus projects as files and as one joined manifest as fixBundle does', async () => {
    const projects = readdirSync(CORPUS, { withFileTypes: true }).filter((e) => e.isDirectory());
    for (const { name } of projects) {
      const files = readdirSync(join(CORPUS, name))
        .filter((file) => /\.ya?ml$/.test(file))
        .sort()
        .map((file) => ({
          filename: `${name}/${file}`,
          content: readFileSync(join(CORPUS, name, file), 'utf8'),
        }));
      expect(outcomeOf(await fixWithMemo(files, false, {}, 'all'))).toStrictEqual(
        await plain(files, false),
      );
      const joined = [{ content: files.map((f) => f.content).join('\n---\n') }];
      expect(outcomeOf(await fixWithMemo(joined, true, {}, 'safe'))).toStrictEqual(
        await plain(joined, true, {}, 'safe'),
      );
    }
  });

  it('validates once when nothing is fixable, and reports the findings of what was submitted', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
    const { submitted, ...outcome } = await fixWithMemo([{ content: text }], true, {}, 'safe');
    expect(outcome.validations).toBe(1);
    expect(submitted).toEqual(
      validateManifest(text).findings.map(({ ruleId, severity }) => ({ ruleId, severity })),
    );
    expect(outcome.result).toStrictEqual(validateManifest(text));
    // After a fix: still the findings as sent, not those of the fixed text.
    const broken = text.replace('kind: ConfigMap', 'kind: configmap');
    const fixed = await fixWithMemo([{ content: broken }], true, {}, 'safe');
    expect(fixed.submitted.map((f) => f.ruleId)).toContain('api/unknown-kind');
    expect(fixed.result.findings.map((f) => f.ruleId)).not.toContain('api/unknown-kind');
  });
});
