import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'pod/port-name-conflict';

describe(ID, () => {
  it('invalid-port-names.yaml: reports 2 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-port-names.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/containers/0/ports/0/name', [18, 17, 18, 21]],
      ['error', '/spec/containers/0/ports/2/name', [22, 17, 22, 24]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'port name "http" is declared by containers "proxy" (port 8443) and "app" (port 8080) of Pod web: a Service targetPort or probe naming it becomes ambiguous',
      'port name "metrics" is declared twice in container "app" of Pod web (ports 9090 and 9091): the API server rejects it',
    ]);
    expect(
      findings.map((f) => (f.related ?? []).map((r) => [r.path, r.range.line, r.range.column])),
    ).toEqual([
      [['/spec/initContainers/0/ports/0/name', 12, 17]],
      [['/spec/containers/0/ports/1/name', 20, 17]],
    ]);
  });

  it('valid-port-names.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-port-names.yaml', ID)).toEqual([]);
  });
});
