import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'sidecar/listen-port-undeclared';

describe(RULE, () => {
  it('accepts declared listen ports and ignores loopback listeners', () => {
    expect(fixtureFindings(import.meta.url, 'valid-declared.yaml', RULE)).toEqual([]);
  });

  it('flags nginx and Envoy listen ports the proxy container does not declare', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-undeclared.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['warning', '/data/default.conf', 6, 17, 10, 6],
      ['warning', '/data/envoy.yaml', 11, 15, 15, 68],
    ]);
    expect(findings[0].message).toBe(
      'nginx listens on 8443 (default.conf line 2 of ConfigMap proxy) but proxy sidecar container "proxy" of Pod web declares no containerPort 8443 (declared: 8080)',
    );
    expect(findings[1].message).toContain('envoy listens on 0.0.0.0:10000');
    expect(findings[1].message).toContain('(declared: none)');
  });
});
