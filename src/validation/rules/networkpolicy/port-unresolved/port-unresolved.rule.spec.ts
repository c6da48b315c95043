import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'networkpolicy/port-unresolved';

describe(RULE, () => {
  it('accepts named, ranged and UDP ports the selected containers declare, and ignores egress ports', () => {
    expect(fixtureFindings(import.meta.url, 'valid-ports.yaml', RULE)).toEqual([]);
  });

  it('flags an unknown name, a protocol mismatch and an undeclared number', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-ports.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['warning', '/spec/ingress/0/ports/0/port', 22, 17, 22, 22],
      ['warning', '/spec/ingress/0/ports/1/port', 23, 17, 23, 21],
      ['warning', '/spec/ingress/0/ports/2/port', 25, 17, 25, 19],
    ]);
    expect(findings[0].message).toBe(
      'NetworkPolicy web allows TCP port "https", which no container of the pods it selects (Pod web) declares; ports declared: http 8080/TCP (container "app")',
    );
    expect(findings[1].message).toContain('allows UDP port 8080');
  });

  it('counts HBONE port 15008 as served by ztunnel only for pods in Istio ambient mode', () => {
    expect(fixtureFindings(import.meta.url, 'valid-ambient-hbone.yaml', RULE)).toEqual([]);
    const findings = fixtureFindings(import.meta.url, 'invalid-hbone-without-ambient.yaml', RULE);
    expect(findings.map((f) => [f.path, ...at(f)])).toEqual([
      ['/spec/ingress/0/ports/0/port', 23, 17, 23, 22],
    ]);
  });
});
