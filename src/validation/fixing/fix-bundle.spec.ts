import { describe, expect, it } from 'vitest';
import { UnprocessableError } from '../../common/errors.js';
import type { Finding, ValidationResult } from '../engine/result.js';
import type { FixSource } from './apply.js';
import { fixBundle, MAX_FIX_ROUNDS } from './fix-bundle.js';

/**
 * A stand-in for the engine with synthetic fixes: every `xN` (N > 0) is a finding whose safe fix
 * writes `x(N-1)`, so `x3` takes three rounds; `stuck` has a fix that changes nothing; `maybe`
 * has a suggestion; `grow` has a fix that makes the bundle too big.
 */
function fakeValidate(calls: FixSource[][]) {
  return async (sources: readonly FixSource[]): Promise<ValidationResult> => {
    calls.push([...sources]);
    const findings: Finding[] = [];
    for (const source of sources) {
      if (source.content.includes('TOO BIG')) throw new UnprocessableError('too big', []);
      for (const match of source.content.matchAll(/\b(x[1-9]|stuck|maybe|grow)\b/g)) {
        const start = match.index;
        const before = source.content.slice(0, start);
        const line = before.split('\n').length;
        const column = start - before.lastIndexOf('\n');
        const range = { line, column, endLine: line, endColumn: column + match[0].length };
        const word = match[0];
        const newText =
          word === 'stuck'
            ? 'stuck'
            : word === 'maybe'
              ? 'surely'
              : word === 'grow'
                ? 'TOO BIG'
                : `x${Number(word[1]) - 1}`;
        findings.push({
          ruleId: `test/${word.startsWith('x') ? 'x' : word}`,
          severity: 'error',
          message: word,
          object: {
            documentIndex: 0,
            kind: 'ConfigMap',
            name: word,
            ...(source.filename ? { filename: source.filename } : {}),
          },
          path: `/data/${line}/${column}`,
          range,
          fix: {
            description: `${word} → ${newText}`,
            safety: word === 'maybe' ? 'suggestion' : 'safe',
            edits: [{ ...(source.filename ? { filename: source.filename } : {}), range, newText }],
          },
        });
      }
    }
    const errors = findings.length;
    return {
      valid: errors === 0,
      summary: {
        documents: sources.length,
        objects: sources.length,
        errors,
        warnings: 0,
        infos: 0,
      },
      objects: [],
      patterns: [],
      findings,
    };
  };
}

describe('fixBundle', () => {
  it('validates once and changes nothing when there is nothing to fix', async () => {
    const calls: FixSource[][] = [];
    const sources = [{ filename: 'a.yaml', content: 'a: x0\n' }];
    const outcome = await fixBundle(sources, fakeValidate(calls), 'safe');
    expect(outcome.validations).toBe(1);
    expect(outcome.files).toEqual([{ filename: 'a.yaml', content: 'a: x0\n', changed: false }]);
    expect(outcome.applied).toEqual([]);
    expect(outcome.skipped).toEqual([]);
  });

  it('iterates while a fix reveals another, up to MAX_FIX_ROUNDS, and says what is left', async () => {
    const calls: FixSource[][] = [];
    const outcome = await fixBundle(
      [{ content: `a: x${MAX_FIX_ROUNDS}\nb: x${MAX_FIX_ROUNDS + 1}\n` }],
      fakeValidate(calls),
      'safe',
    );
    expect(outcome.files[0]).toEqual({ content: 'a: x0\nb: x1\n', changed: true });
    expect(outcome.validations).toBe(MAX_FIX_ROUNDS + 1);
    expect(outcome.applied).toHaveLength(2 * MAX_FIX_ROUNDS);
    expect(outcome.result.findings.map((f) => f.message)).toEqual(['x1']);
    expect(outcome.skipped).toEqual([
      expect.objectContaining({
        ruleId: 'test/x',
        reason: `found after the last of ${MAX_FIX_ROUNDS} rounds`,
      }),
    ]);
  });

  it('never applies a fix twice when its finding stays; suggestions wait for mode all', async () => {
    const calls: FixSource[][] = [];
    const outcome = await fixBundle(
      [{ content: 'a: stuck\nb: maybe\nc: x1\n' }],
      fakeValidate(calls),
      'safe',
    );
    expect(outcome.applied.map((a) => a.ruleId).sort()).toEqual(['test/stuck', 'test/x']);
    expect(outcome.validations).toBe(2);
    expect(outcome.skipped.map((s) => [s.ruleId, s.reason])).toEqual([
      ['test/stuck', 'applied in round 1, yet the finding is still reported; not applied again'],
      ['test/maybe', 'a suggestion, which may change behaviour: apply=all applies it'],
    ]);
    const all = await fixBundle([{ content: 'b: maybe\n' }], fakeValidate([]), 'all');
    expect(all.files[0].content).toBe('b: surely\n');
    expect(all.skipped).toEqual([]);
  });

  it('keeps the last good round when the fixed bundle goes over a limit (a 422)', async () => {
    const outcome = await fixBundle([{ content: 'a: grow\n' }], fakeValidate([]), 'safe');
    expect(outcome.files[0]).toEqual({ content: 'a: grow\n', changed: false });
    expect(outcome.applied).toEqual([]);
    expect(outcome.skipped).toEqual([
      expect.objectContaining({
        ruleId: 'test/grow',
        reason: expect.stringContaining('exceeds a limit: too big'),
      }),
    ]);
  });

  it('fixes side by side in one round, each chained over the rounds against the new text', async () => {
    const outcome = await fixBundle(
      [{ filename: 'f.yaml', content: 'x2 x1\n' }],
      fakeValidate([]),
      'safe',
    );
    expect(outcome.files[0].content).toBe('x0 x0\n');
    expect(outcome.result.valid).toBe(true);
  });
});
