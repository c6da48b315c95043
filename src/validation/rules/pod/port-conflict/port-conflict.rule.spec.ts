import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'pod/port-conflict';

describe(ID, () => {
  it('invalid-port-conflict.yaml: reports 4 findings: one container declaring a port twice is a warning at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-port-conflict.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/template/spec/containers/1/ports/0/containerPort', [21, 30, 21, 34]],
      ['warning', '/spec/containers/0/ports/1/containerPort', [41, 26, 41, 28]],
      ['error', '/spec/containers/0/ports/2/containerPort', [43, 26, 43, 30]],
      ['warning', '/spec/template/spec/containers/0/ports/1/containerPort', [65, 30, 65, 32]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'containerPort 8080/TCP is declared by containers "app" and "debug" in the pod template of Deployment web: the containers of a pod share one network namespace, so only one of them can bind it',
      'duplicate port definition: containerPort 53/UDP is declared twice by container "app" in Pod meshed; the API server warns about it, but one process binds the port once',
      'containerPort 9901/TCP is declared by containers "proxy" and "app" in Pod meshed: the containers of a pod share one network namespace, so only one of them can bind it',
      'duplicate port definition: containerPort 80/TCP is declared twice by container "controller" (as "http" and "https") in the pod template of Deployment ingress-nginx-controller; the API server warns about it, but one process binds the port once',
    ]);
    expect(
      findings.map((f) => (f.related ?? []).map((r) => [r.path, r.range.line, r.range.column])),
    ).toEqual([
      [['/spec/template/spec/containers/0/ports/0/containerPort', 16, 30]],
      [['/spec/containers/0/ports/0/containerPort', 39, 26]],
      [['/spec/initContainers/0/ports/0/containerPort', 33, 26]],
      [['/spec/template/spec/containers/0/ports/0/containerPort', 62, 30]],
    ]);
  });

  it('valid-distinct-ports.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-distinct-ports.yaml', ID)).toEqual([]);
  });
});
