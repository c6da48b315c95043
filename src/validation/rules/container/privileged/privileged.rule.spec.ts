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

  it('the fix is a suggestion that sets privileged: false in place', () => {
    const [sysctl] = fixtureFindings(import.meta.url, 'invalid-privileged.yaml', ID);
    expect(sysctl.fix).toEqual({
      description:
        'Set privileged: false on container "sysctl" (what needs the node\'s devices or extra capabilities then fails: add only those under capabilities.add)',
      safety: 'suggestion',
      edits: [{ range: { line: 16, column: 25, endLine: 16, endColumn: 29 }, newText: 'false' }],
    });
  });

  it('valid-unprivileged.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-unprivileged.yaml', ID)).toEqual([]);
  });
});
