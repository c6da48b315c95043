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

  it('invalid-typos.yaml: a routed subset label one edit off the pods gets a safe fix; not a version not deployed, nor an unrouted subset', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-typos.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, f.fix ?? null])).toEqual([
      [
        'warning',
        '/spec/subsets/0/labels',
        {
          description:
            'Change the selector label track: "stabel" to "stable", the value the pod template carries',
          safety: 'safe',
          edits: [
            { range: { line: 41, column: 21, endLine: 41, endColumn: 27 }, newText: 'stable' },
          ],
        },
      ],
      // release 1.4.3 beside pods at 1.4.2: another version, not a typo.
      ['warning', '/spec/subsets/1/labels', null],
      ['info', '/spec/subsets/2/labels', null],
    ]);
  });

  it('invalid-version-typo.yaml: "1" is too short to judge against v1: no fix', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-version-typo.yaml', RULE);
    expect(findings.map((f) => f.fix)).toEqual([undefined, undefined]);
  });
});
