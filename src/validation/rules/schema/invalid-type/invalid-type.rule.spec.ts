import { describe, expect, it } from 'vitest';
import { fixtureFindings } from '../../testing.js';

function findings(fixture: string) {
  return fixtureFindings(import.meta.url, fixture, 'schema/invalid-type').map(
    ({ severity, path, range, message }) => ({ severity, path, range, message }),
  );
}

describe('schema/invalid-type', () => {
  it('accepts int-or-string ports and quoted label values', () => {
    expect(findings('valid-int-or-string.yaml')).toEqual([]);
  });

  it('points at "3" for replicas: "3"', () => {
    expect(findings('invalid-replicas-string.yaml')).toEqual([
      {
        severity: 'error',
        path: '/spec/replicas',
        range: { line: 6, column: 13, endLine: 6, endColumn: 16 },
        message: 'spec.replicas must be an integer, got the string "3"',
      },
    ]);
  });

  it('points at "80" for containerPort: "80"', () => {
    expect(findings('invalid-container-port-string.yaml')).toEqual([
      {
        severity: 'error',
        path: '/spec/containers/0/ports/0/containerPort',
        range: { line: 10, column: 26, endLine: 10, endColumn: 30 },
        message:
          'spec.containers[0].ports[0].containerPort must be an integer, got the string "80"',
      },
    ]);
  });

  it('reports label and data values that YAML reads as numbers or booleans', () => {
    expect(findings('invalid-label-number.yaml')).toEqual([
      {
        severity: 'error',
        path: '/metadata/labels/version',
        range: { line: 6, column: 14, endLine: 6, endColumn: 17 },
        message: 'metadata.labels.version must be a string, got the number 1',
      },
      {
        severity: 'error',
        path: '/data/ENABLED',
        range: { line: 9, column: 12, endLine: 9, endColumn: 15 },
        message: 'data.ENABLED must be a string, got the boolean true',
      },
    ]);
  });
});
