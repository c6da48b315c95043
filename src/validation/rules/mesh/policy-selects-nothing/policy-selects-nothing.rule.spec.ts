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

  it('invalid-typos.yaml: the PeerAuthentication label is one swap off the pod: a safe fix; the others have no close candidate', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-typos.yaml', RULE);
    expect(findings.map((f) => f.fix ?? null)).toEqual([
      {
        description:
          'Change the selector label app: "crat" to "cart", the value the pod template carries',
        safety: 'safe',
        edits: [{ range: { line: 23, column: 24, endLine: 23, endColumn: 28 }, newText: 'cart' }],
      },
      null,
      // The pod has no version label to respell toward.
      null,
      // The Server is in namespace default, the pod in shop.
      null,
    ]);
  });

  it('invalid-fixable.yaml: a targetRef, a Sidecar selector and a Server podSelector get fixes; none between two workloads or beside matchExpressions', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-fixable.yaml', RULE);
    expect(
      findings.map((f) => [f.path, f.fix?.edits.map((e) => [...at(e), e.newText]) ?? null]),
    ).toEqual([
      ['/spec/targetRefs/0/name', [[58, 11, 58, 15, 'cart']]],
      ['/spec/workloadSelector', [[67, 34, 67, 37, 'v1']]],
      // web-1 and web-2 are both one edit from web-3.
      ['/spec/selector', null],
      ['/spec/podSelector', [[87, 24, 87, 27, 'cart']]],
      ['/spec/podSelector', null],
    ]);
    expect(findings[0].fix?.description).toBe('Change the targetRef Service "crat" to "cart"');
  });
});
