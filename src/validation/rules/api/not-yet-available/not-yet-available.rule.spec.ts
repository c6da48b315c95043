import { describe, expect, it } from 'vitest';
import { at, fixtureFindings, validateFixture } from '../../testing.js';

const RULE = 'api/not-yet-available';

describe(RULE, () => {
  it('points at a field the target release does not have yet, naming the release that adds it', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-traffic-distribution.yaml', RULE, {
      kubernetesVersion: '1.29',
    });
    expect(findings.map((f) => [f.severity, f.message, ...at(f)])).toEqual([
      [
        'error',
        'spec.trafficDistribution (ServiceSpec) is not available in Kubernetes 1.29: it was added in 1.30',
        8,
        3,
        8,
        22,
      ],
    ]);
  });

  it('reports the field once, not also as schema/unknown-field', () => {
    const result = validateFixture(import.meta.url, 'invalid-traffic-distribution.yaml', {
      kubernetesVersion: '1.29',
    });
    expect(result.findings.filter((f) => f.ruleId === 'schema/unknown-field')).toEqual([]);
  });

  it('reports an apiVersion served only from a later release, at the apiVersion', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-admission-policy-v1.yaml', RULE, {
      kubernetesVersion: 'v1.29.4',
    });
    expect(findings.map((f) => [f.message, ...at(f)])).toEqual([
      [
        'admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy is not available in Kubernetes 1.29: it is served from 1.30',
        2,
        13,
        2,
        44,
      ],
    ]);
  });

  it('makes a native sidecar below 1.29 an error at its restartPolicy, with the reason', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-native-sidecar.yaml', RULE, {
      kubernetesVersion: '1.28',
    });
    expect(findings.map((f) => [f.severity, ...at(f)])).toEqual([['error', 10, 22, 10, 28]]);
    expect(findings[0].message).toBe(
      'sidecar container "proxy" of Pod web (an init container with restartPolicy: Always) needs Kubernetes 1.29: in 1.28 the SidecarContainers feature is off by default, the API server drops restartPolicy and the init container never exits, so the pod never leaves Init; run it as a regular container or target 1.29 or later',
    );
  });

  it('stays silent from the release that adds them', () => {
    expect(
      fixtureFindings(import.meta.url, 'valid-traffic-distribution.yaml', RULE, {
        kubernetesVersion: '1.30',
      }),
    ).toEqual([]);
    expect(
      fixtureFindings(import.meta.url, 'valid-native-sidecar.yaml', RULE, {
        kubernetesVersion: '1.29',
      }),
    ).toEqual([]);
  });
});
