import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'sidecar/not-native';

describe(RULE, () => {
  it('accepts a proxy that is a native sidecar', () => {
    expect(fixtureFindings(import.meta.url, 'valid-native.yaml', RULE)).toEqual([]);
  });

  it('reports a regular proxy container as info, and as a warning in a CronJob (annotation-recognised proxy)', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-regular.yaml', RULE);
    expect(findings.map((f) => [f.severity, ...at(f)])).toEqual([
      ['info', 15, 17, 15, 22],
      ['warning', 35, 21, 35, 27],
    ]);
    expect(findings[0].message).toContain(
      'proxy container "proxy" of Deployment web runs as a regular container; on Kubernetes 1.36',
    );
    expect(findings[1].message).toContain('so the CronJob never completes');
  });

  it('is silent where native sidecars are not on by default (before 1.29)', () => {
    expect(
      fixtureFindings(import.meta.url, 'invalid-regular.yaml', RULE, { kubernetesVersion: '1.28' }),
    ).toEqual([]);
    expect(
      fixtureFindings(import.meta.url, 'invalid-regular.yaml', RULE, { kubernetesVersion: '1.29' }),
    ).toHaveLength(2);
  });

  it('leaves a native sidecar below 1.29 to api/not-yet-available (one finding, an error)', () => {
    const options = { kubernetesVersion: '1.28' };
    expect(fixtureFindings(import.meta.url, 'valid-native.yaml', RULE, options)).toEqual([]);
    const native = fixtureFindings(
      import.meta.url,
      'valid-native.yaml',
      'api/not-yet-available',
      options,
    );
    expect(native.map((f) => f.severity)).toEqual(['error']);
    expect(native[0].message).toContain('the pod never leaves Init');
  });
});
