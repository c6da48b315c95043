import { describe, expect, it } from 'vitest';
import { fixtureFindings } from '../../testing.js';

function findings(fixture: string) {
  return fixtureFindings(import.meta.url, fixture, 'schema/invalid-value').map(
    ({ severity, path, range, message }) => ({ severity, path, range, message }),
  );
}

describe('schema/invalid-value', () => {
  it('accepts binary, decimal, milli and exponent quantities and plain numbers', () => {
    expect(findings('valid-quantities.yaml')).toEqual([]);
  });

  it('points at 1.5Gb', () => {
    const [finding, ...rest] = findings('invalid-quantity.yaml');
    expect(rest).toEqual([]);
    expect(finding.path).toBe('/spec/containers/0/resources/limits/memory');
    expect(finding.range).toEqual({ line: 11, column: 19, endLine: 11, endColumn: 24 });
    expect(finding.message).toMatch(/must be a quantity such as "128Mi", "1\.5Gi".*got "1\.5Gb"$/);
  });

  it('lists the allowed values of a Service type and a port protocol', () => {
    expect(findings('invalid-service-type.yaml')).toEqual([
      {
        severity: 'error',
        path: '/spec/type',
        range: { line: 6, column: 9, endLine: 6, endColumn: 17 },
        message:
          'spec.type must be one of "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"; got "Nodeport"',
      },
      {
        severity: 'error',
        path: '/spec/ports/0/protocol',
        range: { line: 10, column: 17, endLine: 10, endColumn: 20 },
        message: 'spec.ports[0].protocol must be one of "TCP", "UDP", "SCTP"; got "tcp"',
      },
    ]);
  });

  it('rejects containerPort 70000', () => {
    expect(findings('invalid-port-range.yaml')).toEqual([
      {
        severity: 'error',
        path: '/spec/containers/0/ports/0/containerPort',
        range: { line: 10, column: 26, endLine: 10, endColumn: 31 },
        message: 'spec.containers[0].ports[0].containerPort must be between 1 and 65535, got 70000',
      },
    ]);
  });

  it('rejects Secret data that is not base64', () => {
    expect(findings('invalid-secret-base64.yaml')).toEqual([
      {
        severity: 'error',
        path: '/data/password',
        range: { line: 7, column: 13, endLine: 7, endColumn: 21 },
        message:
          'data.password must be base64-encoded (put plain text under stringData instead), got "hunter2!"',
      },
    ]);
  });
});
