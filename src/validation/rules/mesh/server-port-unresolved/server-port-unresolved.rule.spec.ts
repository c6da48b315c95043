import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'mesh/server-port-unresolved';

describe(RULE, () => {
  it('valid-emojivoto.yaml: the emojivoto Server names the declared grpc port', () => {
    expect(fixtureFindings(import.meta.url, 'valid-emojivoto.yaml', RULE)).toEqual([]);
  });

  it('invalid-ports.yaml: a misspelt port name and a number no container declares (errors), a portLevelMtls key (warning)', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-ports.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/port', [32, 9, 32, 13]],
      ['error', '/spec/port', [43, 9, 43, 11]],
      ['warning', '/spec/portLevelMtls/9080', [58, 5, 58, 9]],
    ]);
    expect(findings[0].message).toBe(
      'Server emojivoto/voting-grpc is for port "gprc", which no container of the pod template of Deployment emojivoto/voting declares (ports: grpc 8080/TCP (container "voting-svc")): Linkerd only matches ports of the pod spec, so the Server governs nothing',
    );
    expect(findings[0].related?.map((r) => r.path)).toEqual(['/spec/template/spec']);
  });
});
