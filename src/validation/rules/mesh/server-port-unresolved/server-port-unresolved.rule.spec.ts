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

  it('invalid-ports.yaml: the misspelt port name gets a safe fix; numbers without a Service in front have none', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-ports.yaml', RULE);
    expect(findings.map((f) => f.fix ?? null)).toEqual([
      {
        description: 'Change port "gprc" to "grpc", a port the selected containers declare',
        safety: 'safe',
        edits: [{ range: { line: 32, column: 9, endLine: 32, endColumn: 13 }, newText: 'grpc' }],
      },
      null,
      null,
    ]);
  });

  it('invalid-service-ports.yaml: a Service port becomes the container port behind it, not onto a key already there', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-service-ports.yaml', RULE);
    expect(
      findings.map((f) => [f.path, f.fix?.edits.map((e) => [...at(e), e.newText]) ?? null]),
    ).toEqual([
      ['/spec/port', [[41, 9, 41, 11, '8080']]],
      ['/spec/portLevelMtls/80', [[54, 5, 54, 7, '8080']]],
      // 9000 leads to 9090, which portLevelMtls already sets.
      ['/spec/portLevelMtls/9000', null],
    ]);
    expect(findings[1].fix?.description).toBe(
      'Change portLevelMtls port 80 to 8080, the container port behind Service port 80',
    );
  });
});
