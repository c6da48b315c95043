import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'mesh/subset-no-match';

describe(RULE, () => {
  it('valid-bookinfo.yaml: bookinfo reviews v2/v3 subsets (fully qualified DestinationRule host) select their pods', () => {
    expect(fixtureFindings(import.meta.url, 'valid-bookinfo.yaml', RULE)).toEqual([]);
  });

  it('invalid-version-typo.yaml: a routed subset selecting nothing is a warning, an unrouted one info', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-version-typo.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/subsets/0/labels', [41, 7, 41, 19]],
      ['info', '/spec/subsets/1/labels', [44, 7, 44, 18]],
    ]);
    expect(findings[0].message).toBe(
      'subset "v1" of DestinationRule reviews selects no pod of Service shop/reviews (its pods: Deployment shop/reviews-v1 {"app":"reviews","version":"v1"}): a VirtualService routes to it, and that traffic gets 503 (no healthy upstream)',
    );
    expect(findings[0].related?.map((r) => r.path)).toEqual(['/spec/selector']);
  });

  it('scope partial: the missing pods may be elsewhere: info', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-version-typo.yaml', RULE, {
      scope: 'partial',
    });
    expect(findings.map((f) => f.severity)).toEqual(['info', 'info']);
  });
});
