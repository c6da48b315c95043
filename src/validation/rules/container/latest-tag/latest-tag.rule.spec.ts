import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'container/latest-tag';

describe(ID, () => {
  it('invalid-unpinned.yaml: reports 3 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-unpinned.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/initContainers/0/image', [8, 14, 8, 19]],
      ['warning', '/spec/containers/0/image', [12, 14, 12, 45]],
      ['warning', '/spec/containers/1/image', [14, 14, 14, 45]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'image "nginx" of sidecar container "proxy" of Pod web has no tag, so it means :latest: pin a version or a digest',
      'image "registry.example.com/web:latest" of container "app" of Pod web uses the :latest tag: pin a version or a digest',
      'image "registry.example.com:5000/tools" of container "tools" of Pod web has no tag, so it means :latest: pin a version or a digest',
    ]);
  });

  it('valid-pinned.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-pinned.yaml', ID)).toEqual([]);
  });
});
