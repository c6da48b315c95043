import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'container/probe-port-unresolved';

describe(ID, () => {
  it('invalid-probe-ports.yaml: reports 3 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-probe-ports.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/template/spec/containers/0/readinessProbe/httpGet/port', [28, 21, 28, 28]],
      ['error', '/spec/template/spec/containers/0/livenessProbe/tcpSocket/port', [31, 21, 31, 26]],
      ['error', '/spec/containers/0/livenessProbe/tcpSocket/port', [47, 17, 47, 20]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'readinessProbe of container "app" of Deployment web names port "healthz", which no container of the pod declares (declared names: "https", "http")',
      'livenessProbe of container "app" of Deployment web names port "https", which only sibling container "proxy" declares (8443): the kubelet resolves probe port names in the probing container only, so the probe fails; use the number 8443 (the pod shares one network)',
      'livenessProbe of container "dns" of Pod dns names port "dns", which is 53/UDP: a tcpSocket probe connects over TCP and cannot reach it',
    ]);
    expect(
      findings.map((f) => (f.related ?? []).map((r) => [r.path, r.range.line, r.range.column])),
    ).toEqual([
      [],
      [['/spec/template/spec/initContainers/0/ports/0/name', 18, 21]],
      [['/spec/containers/0/ports/0/protocol', 44, 21]],
    ]);
  });

  it('valid-probe-ports.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-probe-ports.yaml', ID)).toEqual([]);
  });
});
