import { describe, expect, it } from 'vitest';
import { at, findingsFor, fixtureFindings, validateFixture } from '../../testing.js';

const RULE = 'api/unknown-kind';

describe(RULE, () => {
  it('reports a kind the built-in group lacks, at the kind, with a "did you mean"', () => {
    const result = validateFixture(import.meta.url, 'invalid-lowercase-kind.yaml');
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.message, ...at(f)])).toEqual([
      [
        RULE,
        'error',
        'the built-in API group core has no kind "configmap" in Kubernetes 1.36; did you mean "ConfigMap"?',
        2,
        7,
        2,
        16,
      ],
    ]);
    expect(result.valid).toBe(false);
  });

  it('reports a version the group never served, and a kind of another group', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-wrong-group.yaml', RULE);
    expect(findings.map((f) => [f.message, ...at(f)])).toEqual([
      ['Kubernetes 1.36 does not serve Deployment as apps/v2; use apps/v1', 1, 13, 1, 20],
      [
        'the built-in API group core has no kind "Deployment" in Kubernetes 1.36; Deployment is served as apps/v1',
        7,
        7,
        7,
        17,
      ],
    ]);
  });

  it('suggests near misses in *.k8s.io groups', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolcy\nmetadata: {name: x}\n';
    expect(findingsFor(text, RULE).map((f) => f.message)).toEqual([
      'the built-in API group networking.k8s.io has no kind "NetworkPolcy" in Kubernetes 1.36; did you mean "NetworkPolicy"?',
    ]);
  });

  it('stays silent on built-in kinds (Lease too) and on custom groups', () => {
    expect(fixtureFindings(import.meta.url, 'valid-built-ins-and-custom.yaml', RULE)).toEqual([]);
  });
});
