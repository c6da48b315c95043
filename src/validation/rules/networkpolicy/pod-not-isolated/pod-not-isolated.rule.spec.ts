import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'networkpolicy/pod-not-isolated';

describe(RULE, () => {
  it('accepts a workload selected by an ingress policy (a namespace-wide default deny)', () => {
    expect(fixtureFindings(import.meta.url, 'valid-isolated.yaml', RULE)).toEqual([]);
  });

  it('flags workloads with no ingress policy, including egress-only and other-namespace policies', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-open.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['warning', '/metadata/name', 4, 9, 4, 12],
      ['warning', '/metadata/name', 20, 9, 20, 15],
    ]);
    expect(findings[0].message).toBe(
      'no NetworkPolicy selects the pods of Deployment shop/web for ingress: every pod in the cluster can connect to them',
    );
    expect(findings[1].message).toContain('only the egress of NetworkPolicy worker-egress applies');
  });
});
