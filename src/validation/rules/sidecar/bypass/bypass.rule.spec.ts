import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'sidecar/bypass';

describe(RULE, () => {
  it('accepts a Service targeting the proxy, and one targeting an app port the proxy does not front', () => {
    expect(fixtureFindings(import.meta.url, 'valid-through-proxy.yaml', RULE)).toEqual([]);
  });

  it('flags Service ports that reach the app port directly', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-app-port.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['warning', '/spec/ports/0/targetPort', 49, 19, 49, 23],
      ['warning', '/spec/ports/1/port', 51, 13, 51, 17],
    ]);
    expect(findings[0].message).toBe(
      'Service web routes port 80 straight to port 8080 of app container "app" in Deployment web, bypassing proxy container "proxy" (target its port https instead)',
    );
  });

  it('suggests targeting the proxy port: replacing targetPort, or adding it after port', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-app-port.yaml', RULE);
    expect(findings.map((f) => [f.fix?.safety, f.fix?.edits])).toEqual([
      [
        'suggestion',
        [{ range: { line: 49, column: 19, endLine: 49, endColumn: 23 }, newText: 'https' }],
      ],
      [
        'suggestion',
        [
          {
            range: { line: 52, column: 1, endLine: 52, endColumn: 1 },
            newText: '      targetPort: https\n',
          },
        ],
      ],
    ]);
  });
});
