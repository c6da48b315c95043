import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'volume/not-shared';

describe(RULE, () => {
  it.each(['shared-volume-disk', 'shared-volume-memory', 'unix-socket'])(
    'accepts an emptyDir two containers mount (%s)',
    (pattern) => {
      expect(fixtureFindings(import.meta.url, 'valid-shared.yaml', RULE, { pattern })).toEqual([]);
    },
  );

  it('flags a pod whose emptyDir only one container mounts, and a pod with none', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-not-shared.yaml', RULE, {
      pattern: 'shared-volume-disk',
    });
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['error', '/spec/template/spec/volumes/0/name', 21, 17, 21, 25],
      ['error', '/spec/containers', 29, 3, 29, 13],
    ]);
    expect(findings[0].message).toBe(
      'pattern shared-volume-disk: no emptyDir of the pod template of Deployment thumbnails is mounted by two or more of its containers ("uploader", "resizer"); volume exchange is mounted by only "uploader"',
    );
  });

  it('applies only under a shared-volume or unix-socket pattern', () => {
    expect(fixtureFindings(import.meta.url, 'invalid-not-shared.yaml', RULE)).toEqual([]);
    expect(
      fixtureFindings(import.meta.url, 'invalid-not-shared.yaml', RULE, {
        pattern: 'sidecar-proxy',
      }),
    ).toEqual([]);
  });
});
