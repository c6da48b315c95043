import { describe, expect, it } from 'vitest';
import { at, fixtureFindings, validateFixture } from '../../testing.js';

const RULE = 'sidecar/config-missing';

describe(RULE, () => {
  it('accepts a proxy with its ConfigMap (projected) and traefik configured by flags', () => {
    expect(fixtureFindings(import.meta.url, 'valid-mounted.yaml', RULE)).toEqual([]);
  });

  it('flags an absent ConfigMap, a ConfigMap not mounted into the proxy, and one without a config file', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-missing.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['error', '/spec/volumes/0/configMap/name', 19, 15, 19, 24],
      ['error', '/spec/initContainers/0/name', 28, 13, 28, 18],
      ['error', '/data', 55, 1, 55, 5],
    ]);
    expect(findings[0].message).toContain(
      'ConfigMap web-proxy (volume conf, mounted at /etc/nginx/conf.d)',
    );
    expect(findings[1].message).toContain(
      'volume conf (ConfigMap api-envoy) is declared but not mounted into it',
    );
    expect(findings[2].message).toContain('has no nginx configuration file');
  });

  it('turns only the absent ConfigMap into info for a partial bundle', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-missing.yaml', RULE, {
      scope: 'partial',
    });
    expect(findings.map((f) => f.severity)).toEqual(['info', 'error', 'error']);
  });

  it('valid-bootstrapped-envoy.yaml: an Envoy whose init container writes its bootstrap is the workload: no sidecar finding', () => {
    const all = validateFixture(import.meta.url, 'valid-bootstrapped-envoy.yaml').findings;
    expect(all.filter((f) => f.ruleId.startsWith('sidecar/'))).toEqual([]);
  });

  it('invalid-envoy-no-bootstrap.yaml: without the bootstrap init container it is a proxy without configuration', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-envoy-no-bootstrap.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/template/spec/containers/1/name', [20, 17, 20, 22]],
    ]);
  });

  it('invalid-typo.yaml: a safe fix toward the one close ConfigMap holding a *.conf key; none toward one without, nor between two', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-typo.yaml', RULE);
    expect(findings.map((f) => [f.path, f.range.line, f.fix ?? null])).toEqual([
      [
        '/spec/volumes/0/configMap/name',
        37,
        {
          description:
            'Change the ConfigMap name "web-prxy" to "web-proxy", the ConfigMap the bundle has',
          safety: 'safe',
          edits: [
            { range: { line: 37, column: 15, endLine: 37, endColumn: 23 }, newText: 'web-proxy' },
          ],
        },
      ],
      // api-proxy is close but holds no nginx configuration.
      ['/spec/volumes/0/configMap/name', 65, null],
      // edge-a and edge-b are both one edit from edge-c.
      ['/spec/volumes/0/configMap/name', 101, null],
    ]);
  });
});
