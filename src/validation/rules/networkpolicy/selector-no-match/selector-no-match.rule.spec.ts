import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'networkpolicy/selector-no-match';

describe(RULE, () => {
  it('accepts matchExpressions that match, and a namespace-wide {} selector', () => {
    expect(fixtureFindings(import.meta.url, 'valid-selects.yaml', RULE)).toEqual([]);
  });

  it('flags a podSelector that matches no pod template', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-typo.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['warning', '/spec/podSelector', 17, 5, 18, 15],
    ]);
    expect(findings[0].message).toBe(
      'the podSelector {"matchLabels":{"app":"wbe"}} of NetworkPolicy web matches no pod template in namespace default: the policy isolates nothing',
    );
  });
});
