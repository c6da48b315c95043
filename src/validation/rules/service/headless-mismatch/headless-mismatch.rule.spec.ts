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
});
