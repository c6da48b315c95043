import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'pod/mesh-reserved-port';

describe(ID, () => {
  it('invalid-reserved-ports.yaml: reports 2 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-reserved-ports.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/containers/0/ports/0/containerPort', [10, 26, 10, 31]],
      ['warning', '/spec/containers/0/ports/1/containerPort', [11, 26, 11, 31]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'container "app" of Pod web declares port 15000, which the Istio sidecar reserves (Envoy admin): in a meshed pod the two collide',
      'container "app" of Pod web declares port 15021, which the Istio sidecar reserves (health checks): in a meshed pod the two collide',
    ]);
  });

  it('valid-ports.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-ports.yaml', ID)).toEqual([]);
  });
});
