import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'sidecar/admin-exposed';

describe(RULE, () => {
  it('accepts an admin interface on 127.0.0.1', () => {
    expect(fixtureFindings(import.meta.url, 'valid-loopback.yaml', RULE)).toEqual([]);
  });

  it('flags an admin interface bound to 0.0.0.0 (JSON bootstrap)', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-wildcard.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['error', '/data/envoy.json', 6, 15, 9, 6],
    ]);
    expect(findings[0].message).toContain(
      'proxy sidecar container "envoy" of Pod api is bound to 0.0.0.0:9901 (envoy.json line 2 of ConfigMap envoy)',
    );
  });
});
