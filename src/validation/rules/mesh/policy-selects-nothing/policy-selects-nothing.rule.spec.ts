import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'mesh/policy-selects-nothing';

describe(RULE, () => {
  it('valid-emojivoto.yaml: the emojivoto Server, Istio policies by selector, targetRef and root-namespace selector in an ambient namespace', () => {
    expect(fixtureFindings(import.meta.url, 'valid-emojivoto.yaml', RULE)).toEqual([]);
  });

  it('invalid-typos.yaml: PeerAuthentication, Sidecar and Server selectors, an AuthorizationPolicy targetRef', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-typos.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/selector', [23, 5, 23, 29]],
      ['warning', '/spec/targetRefs/0/name', [36, 11, 36, 16]],
      ['warning', '/spec/workloadSelector', [45, 5, 45, 37]],
      ['warning', '/spec/podSelector', [56, 5, 56, 29]],
    ]);
    expect(findings[0].message).toBe(
      'the selector of PeerAuthentication shop/cart matches no pod template of the bundle: the policy applies to nothing',
    );
    expect(findings[1].message).toBe(
      'AuthorizationPolicy shop/cart targets Service "carts", which the bundle lacks: the policy applies to nothing',
    );
  });

  it('scope partial: the pods may be elsewhere: info', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-typos.yaml', RULE, {
      scope: 'partial',
    });
    expect(findings.map((f) => f.severity)).toEqual(['info', 'info', 'info', 'info']);
  });
});
