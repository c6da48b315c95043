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
});
