import { describe, expect, it } from 'vitest';
import { at, fixtureFindings, validateFixture } from '../../testing.js';

const RULE = 'pattern/not-implemented';

describe(RULE, () => {
  it('accepts a bundle that has the requested structure, and requests without a pattern', () => {
    expect(
      fixtureFindings(import.meta.url, 'valid-sidecar-proxy.yaml', RULE, {
        pattern: 'sidecar-proxy',
      }),
    ).toEqual([]);
    expect(fixtureFindings(import.meta.url, 'invalid-no-proxy.yaml', RULE)).toEqual([]);
  });

  it('flags sidecar-proxy without a proxy container, listing what was found', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-no-proxy.yaml', RULE, {
      pattern: 'sidecar-proxy',
    });
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['error', '/metadata/name', 5, 9, 5, 12],
    ]);
    expect(findings[0].message).toContain(
      'the request names pattern sidecar-proxy, but the bundle lacks its defining structure',
    );
    expect(findings[0].message).toContain('(patterns found: service-clusterip)');
  });

  it('flags object-storage and node-agent when their defining structure is missing', () => {
    const storage = fixtureFindings(import.meta.url, 'invalid-no-proxy.yaml', RULE, {
      pattern: 'object-storage',
    });
    expect(storage.map((f) => f.severity)).toEqual(['error']);
    expect(storage[0].message).toContain('an S3-compatible store (a MinIO image)');
    const agent = fixtureFindings(import.meta.url, 'invalid-no-proxy.yaml', RULE, {
      pattern: 'node-agent',
    });
    expect(agent.map((f) => f.severity)).toEqual(['error']);
    expect(agent[0].message).toContain("a DaemonSet whose pods mount the node's log directory");
  });

  it('flags shared-volume-memory when the shared emptyDir is on disk', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-disk-not-memory.yaml', RULE, {
      pattern: 'shared-volume-memory',
    });
    expect(findings.map((f) => [f.severity, ...at(f)])).toEqual([['error', 5, 9, 5, 13]]);
    expect(findings[0].message).toContain('an emptyDir volume with medium: Memory');
    expect(
      fixtureFindings(import.meta.url, 'invalid-disk-not-memory.yaml', RULE, {
        pattern: 'shared-volume-disk',
      }),
    ).toEqual([]);
  });

  it('reports a missing mesh as info in a partial bundle without its Namespace', () => {
    const options = { pattern: 'service-mesh' };
    const complete = fixtureFindings(import.meta.url, 'invalid-no-proxy.yaml', RULE, options);
    const partial = fixtureFindings(import.meta.url, 'invalid-no-proxy.yaml', RULE, {
      ...options,
      scope: 'partial',
    });
    expect([complete.map((f) => f.severity), partial.map((f) => f.severity)]).toEqual([
      ['error'],
      ['info'],
    ]);
  });

  it('valid-explained-by-*.yaml: one root cause, one error — the specific error stays, the summary goes', () => {
    const typo = validateFixture(import.meta.url, 'valid-explained-by-typo.yaml', {
      pattern: 'service-clusterip',
    }).findings.filter((f) => f.severity === 'error');
    expect(typo.map((f) => [f.ruleId, ...at(f)])).toEqual([
      ['service/selector-no-match', 26, 5, 26, 13],
    ]);
    const headless = validateFixture(import.meta.url, 'valid-explained-by-service-name.yaml', {
      pattern: 'service-headless',
    }).findings.filter((f) => f.severity === 'error');
    expect(headless.map((f) => f.ruleId)).not.toContain(RULE);
    expect(headless.length).toBeGreaterThan(0);
  });
});
