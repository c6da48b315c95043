import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'ingress/backend-unresolved';

describe(RULE, () => {
  it('accepts backends naming an existing Service port by number or name', () => {
    expect(fixtureFindings(import.meta.url, 'valid-backends.yaml', RULE)).toEqual([]);
  });

  it('flags an unknown port number, an unknown port name and a missing Service', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-backends.yaml', RULE);
    expect(findings.map((f) => [f.path, ...at(f)])).toEqual([
      ['/spec/rules/0/http/paths/0/backend/service/port/number', 27, 27, 27, 31],
      ['/spec/rules/0/http/paths/1/backend/service/port/name', 34, 25, 34, 30],
      ['/spec/rules/0/http/paths/2/backend/service/name', 39, 23, 39, 29],
    ]);
    expect(findings[0].message).toBe(
      'Ingress shop/web routes to port 8080 of Service web, which exposes no such port (ports: http (80))',
    );
    expect(findings[2].message).toContain(
      'Service static, which the bundle does not have in namespace shop',
    );
  });
});
