import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'route/backend-unresolved';

describe(ID, () => {
  it('invalid-backends.yaml: a targetPort used as port, missing Services (also of a requestMirror and a TCPRoute)', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-backends.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/rules/0/backendRefs/0/port', [23, 17, 23, 21]],
      ['error', '/spec/rules/0/backendRefs/1/name', [24, 17, 24, 27]],
      ['error', '/spec/rules/0/filters/0/requestMirror/backendRef/name', [30, 21, 30, 27]],
      ['error', '/spec/rules/0/backendRefs/0/name', [41, 17, 41, 25]],
    ]);
    expect(findings[0].message).toBe(
      'HTTPRoute shop/web sends traffic to port 8080 of Service shop/web, which exposes no such port (ports: http (80)); a backendRef port is the Service port, not the targetPort',
    );
    expect(findings[0].related?.map((r) => [r.path, r.range.line])).toEqual([['/spec/ports', 10]]);
    expect(findings[3].message).toBe(
      'TCPRoute shop/db sends traffic to Service postgres, which the bundle does not have in namespace shop: the implementation answers 500 for that share of the traffic',
    );
  });

  it('valid-backends.yaml: Service ports, a cross-namespace Service, a ServiceImport (not ours to resolve)', () => {
    expect(fixtureFindings(import.meta.url, 'valid-backends.yaml', ID)).toEqual([]);
  });

  it('scope partial: a Service absent from the bundle is info; a wrong port of a present Service stays an error', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-backends.yaml', ID, {
      scope: 'partial',
    });
    expect(findings.map((f) => f.severity)).toEqual(['error', 'info', 'info', 'info']);
  });

  it('invalid-backends.yaml: the targetPort used as port is fixed to the Service port; no fix for names nothing is close to', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-backends.yaml', ID);
    expect(findings[0].fix).toEqual({
      description: 'Change port 8080 to 80, the port of Service web that forwards to 8080',
      safety: 'safe',
      edits: [{ range: { line: 23, column: 17, endLine: 23, endColumn: 21 }, newText: '80' }],
    });
    expect(findings.slice(1).map((f) => f.fix)).toEqual([undefined, undefined, undefined]);
  });

  it('invalid-typos.yaml: a close Service name, a named targetPort behind the port; none between two candidates', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-typos.yaml', ID);
    expect(
      findings.map((f) => [f.path, f.fix?.edits.map((e) => [...at(e), e.newText]) ?? null]),
    ).toEqual([
      ['/spec/rules/0/backendRefs/0/name', [[55, 17, 55, 20, 'web']]],
      // api-v1 and api-v2 are both one edit from api-v3.
      ['/spec/rules/0/backendRefs/1/name', null],
      // targetPort http is containerPort 8080 in the selected pod.
      ['/spec/rules/0/backendRefs/2/port', [[60, 17, 60, 21, '80']]],
      // Ports 80 and 81 of api-v2 both forward to 8080.
      ['/spec/rules/0/backendRefs/3/port', null],
    ]);
    expect(findings[0].fix?.description).toBe(
      'Change the Service "wbe" to "web", a Service of namespace shop',
    );
  });
});
