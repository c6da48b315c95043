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
});
