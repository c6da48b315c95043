import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'container/missing-resources';

describe(ID, () => {
  it('invalid-missing-resources.yaml: reports 3 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-missing-resources.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/initContainers/0/name', [7, 13, 7, 18]],
      ['warning', '/spec/containers/0/resources', [13, 7, 13, 16]],
      ['warning', '/spec/containers/1/resources', [17, 7, 17, 16]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'sidecar container "proxy" of Pod web has no CPU request, memory request or memory limit: the scheduler places it blind and it can use all of the node\'s memory',
      'container "app" of Pod web has no memory limit: it can use all of the node\'s memory',
      'container "worker" of Pod web has no CPU request: the scheduler places it blind and it is among the first evicted under pressure',
    ]);
  });

  it('valid-resources.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-resources.yaml', ID)).toEqual([]);
  });
});
