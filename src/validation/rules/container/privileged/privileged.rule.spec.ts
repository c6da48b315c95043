import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'container/privileged';

describe(ID, () => {
  it('invalid-privileged.yaml: reports 2 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-privileged.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      [
        'error',
        '/spec/template/spec/initContainers/0/securityContext/privileged',
        [16, 25, 16, 29],
      ],
      ['error', '/spec/template/spec/containers/0/securityContext/privileged', [21, 25, 21, 29]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'init container "sysctl" of Deployment web runs privileged: it has every capability and access to the node\'s devices, so escaping to the node is trivial',
      'container "app" of Deployment web runs privileged: it has every capability and access to the node\'s devices, so escaping to the node is trivial',
    ]);
  });

  it('valid-unprivileged.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-unprivileged.yaml', ID)).toEqual([]);
  });
});
