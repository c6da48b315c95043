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

  it('invalid-typos.yaml: a port name one edit off a declared one gets a safe fix; not a TLS variant, nor a name between two', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-typos.yaml', RULE);
    expect(findings.map((f) => [f.path, f.fix ?? null])).toEqual([
      [
        '/spec/ingress/0/ports/0/port',
        {
          description: 'Change port "metrcs" to "metrics", a port the selected containers declare',
          safety: 'safe',
          edits: [
            { range: { line: 28, column: 17, endLine: 28, endColumn: 23 }, newText: 'metrics' },
          ],
        },
      ],
      // https is http's TLS port, not a misspelling of it.
      ['/spec/ingress/0/ports/1/port', null],
      // admin-1 and admin-2 are both one edit from admin-3.
      ['/spec/ingress/0/ports/2/port', null],
    ]);
  });

  it('invalid-ports.yaml: no fix for https beside http, a protocol mismatch or a number', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-ports.yaml', RULE);
    expect(findings.map((f) => f.fix)).toEqual([undefined, undefined, undefined]);
  });
});
