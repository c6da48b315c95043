import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'service/headless-mismatch';

describe(RULE, () => {
  it('accepts a StatefulSet whose serviceName names a headless Service', () => {
    expect(fixtureFindings(import.meta.url, 'valid-headless.yaml', RULE)).toEqual([]);
  });

  it('flags a non-headless Service and a missing one at serviceName', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-not-headless.yaml', RULE);
    expect(findings.map((f) => [f.severity, ...at(f)])).toEqual([
      ['error', 15, 16, 15, 18],
      ['error', 31, 16, 31, 30],
    ]);
    expect(findings[0].message).toContain('names Service db, which is not headless');
    expect(findings[1].message).toContain(
      'serviceName "cache-headless" of StatefulSet cache names no Service',
    );
  });

  it('turns the missing Service into info for a partial bundle, not the non-headless one', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-not-headless.yaml', RULE, {
      scope: 'partial',
    });
    expect(findings.map((f) => f.severity)).toEqual(['error', 'info']);
  });

  it('invalid-typo.yaml: a safe fix to the one close headless Service selecting the pods; none between two', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-typo.yaml', RULE);
    expect(findings.map((f) => [f.path, ...at(f)])).toEqual([
      ['/spec/serviceName', 20, 16, 20, 29],
      ['/spec/serviceName', 62, 16, 62, 24],
    ]);
    expect(findings[0].fix).toEqual({
      description:
        'Change serviceName "cache-headles" to "cache-headless", the headless Service that selects these pods',
      safety: 'safe',
      edits: [
        { range: { line: 20, column: 16, endLine: 20, endColumn: 29 }, newText: 'cache-headless' },
      ],
    });
    // queue-h1 and queue-h2 are both one edit from queue-hs.
    expect(findings[1].fix).toBeUndefined();
  });

  it('no fix when nothing is close, or the close Service is not headless', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-not-headless.yaml', RULE);
    expect(findings.map((f) => f.fix)).toEqual([undefined, undefined]);
  });
});
