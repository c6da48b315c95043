import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'mesh/destination-unresolved';

describe(RULE, () => {
  it('valid-bookinfo.yaml: the bookinfo reviews routes (jason → v2, others → v3) resolve', () => {
    expect(fixtureFindings(import.meta.url, 'valid-bookinfo.yaml', RULE)).toEqual([]);
  });

  it('valid-hosts.yaml: short, namespaced and fully qualified hosts, cross-namespace, wildcard ServiceEntry, ambient', () => {
    expect(fixtureFindings(import.meta.url, 'valid-hosts.yaml', RULE)).toEqual([]);
  });

  it('invalid-hosts.yaml: typo, port, subset, short name in another namespace, ServiceEntry not exported', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-hosts.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/http/0/route/0/destination/host', [52, 15, 52, 21]],
      ['error', '/spec/http/1/route/0/destination/port/number', [57, 19, 57, 23]],
      ['error', '/spec/http/2/route/0/destination/subset', [61, 17, 61, 19]],
      ['error', '/spec/http/0/route/0/destination/host', [74, 15, 74, 22]],
      ['error', '/spec/tls/0/route/0/destination/host', [80, 15, 80, 35]],
    ]);
    expect(findings[0].message).toBe(
      'VirtualService ratings routes to host "ratngs", but no Service or ServiceEntry of the bundle provides it (a short name is read in namespace shop): Istio has no endpoints for it',
    );
    expect(findings[2].message).toBe(
      'VirtualService ratings routes to subset "v2" of host "ratings", but DestinationRule ratings defines only "v1": Istio answers 503 (no healthy upstream)',
    );
    expect(findings[4].message).toContain('is not exported to namespace edge (exportTo)');
    expect(findings[4].related?.map((r) => r.range.line)).toEqual([28]);
  });

  it('scope partial: a host the bundle lacks is info; a wrong port, a missing subset or exportTo stay errors', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-hosts.yaml', RULE, {
      scope: 'partial',
    });
    expect(findings.map((f) => f.severity)).toEqual(['info', 'error', 'error', 'info', 'error']);
  });

  it('invalid-hosts.yaml: the short name, the subset "v2" and a hidden ServiceEntry have no fix; the typo has one', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-hosts.yaml', RULE);
    expect(findings.map((f) => f.fix?.edits.map((e) => e.newText) ?? null)).toEqual([
      ['ratings'],
      null,
      null,
      null,
      null,
    ]);
  });

  it('invalid-typos.yaml: safe fixes for a close Service host in any form, ServiceEntry host, subset and a container port; none between two Services or toward one without the subset', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-typos.yaml', RULE);
    expect(
      findings.map((f) => [f.path, f.fix?.edits.map((e) => [...at(e), e.newText]) ?? null]),
    ).toEqual([
      ['/spec/http/0/route/0/destination/host', [[85, 15, 85, 22, 'reviews']]],
      [
        '/spec/http/0/route/1/destination/host',
        [[87, 15, 87, 45, 'reviews.shop.svc.cluster.local']],
      ],
      ['/spec/http/1/route/0/destination/subset', [[91, 17, 91, 23, 'stable']]],
      ['/spec/http/1/route/1/destination/port/number', [[95, 19, 95, 23, '9080']]],
      // cart-v1 and cart-v2 are both one edit from cart-v3.
      ['/spec/http/2/route/0/destination/host', null],
      // reviews is close, but no DestinationRule gives it a subset canary.
      ['/spec/http/2/route/1/destination/host', null],
      ['/spec/tls/0/route/0/destination/host', [[107, 15, 107, 34, 'api.payments.example']]],
    ]);
    expect(findings[0].fix).toMatchObject({
      description: 'Change host "reviwes" to "reviews", a host the bundle provides',
      safety: 'safe',
    });
  });
});
