import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'pod/host-port';

describe(ID, () => {
  it('invalid-host-port.yaml: reports 1 finding at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-host-port.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/template/spec/containers/0/ports/0/hostPort', [17, 25, 17, 27]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'container "app" of Deployment web maps containerPort 8080/TCP to hostPort 80: the port is opened on the node, and only one such pod fits per node',
    ]);
  });

  it('valid-no-host-port.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-no-host-port.yaml', ID)).toEqual([]);
  });
});
