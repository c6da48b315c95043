import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'sidecar/config-unreadable';

describe(RULE, () => {
  it('accepts configuration podwire can read', () => {
    expect(fixtureFindings(import.meta.url, 'valid-readable.yaml', RULE)).toEqual([]);
  });

  it('reports nginx and Envoy files that do not parse, with the line inside the file', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-syntax.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['warning', '/data/default.conf', 6, 17, 10, 6],
      ['warning', '/data/envoy.yaml', 11, 15, 13, 19],
    ]);
    expect(findings[0].message).toBe(
      'the nginx configuration of proxy sidecar container "proxy" of Pod web cannot be read (default.conf line 2 of ConfigMap proxy: directive "listen" is not terminated by ";"); its listen and upstream addresses were not checked',
    );
    expect(findings[1].message).toContain('envoy.yaml line 3 of ConfigMap proxy');
  });
});
