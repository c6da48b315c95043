import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'service/exposed-type';

describe(RULE, () => {
  it('accepts ClusterIP, explicit or defaulted', () => {
    expect(fixtureFindings(import.meta.url, 'valid-clusterip.yaml', RULE)).toEqual([]);
  });

  it('flags NodePort and LoadBalancer at spec.type', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-exposed.yaml', RULE);
    expect(findings.map((f) => [f.severity, ...at(f)])).toEqual([
      ['warning', 6, 9, 6, 17],
      ['warning', 17, 9, 17, 21],
    ]);
    expect(findings[0].message).toContain('Service web has type NodePort');
    expect(findings[1].message).toContain('Service db has type LoadBalancer');
  });
});
