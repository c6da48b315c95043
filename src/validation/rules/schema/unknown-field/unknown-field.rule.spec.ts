import { describe, expect, it } from 'vitest';
import { fixtureFindings } from '../../testing.js';

function findings(fixture: string) {
  return fixtureFindings(import.meta.url, fixture, 'schema/unknown-field').map(
    ({ severity, path, range, message }) => ({ severity, path, range, message }),
  );
}

describe('schema/unknown-field', () => {
  it.each(['valid-deployment.yaml', 'valid-custom-resource.yaml'])(
    'reports nothing for %s',
    (fixture) => {
      expect(findings(fixture)).toEqual([]);
    },
  );

  it('points at the misspelt key imagePullPolice and suggests imagePullPolicy', () => {
    expect(findings('invalid-container-typo.yaml')).toEqual([
      {
        severity: 'error',
        path: '/spec/template/spec/containers/0/imagePullPolice',
        range: { line: 15, column: 11, endLine: 15, endColumn: 26 },
        message:
          'unknown field "imagePullPolice" in spec.template.spec.containers[0] (Container); did you mean "imagePullPolicy"?',
      },
    ]);
  });

  it('reports spec.templates of a ReplicationController (kubeconform invalid.yaml)', () => {
    expect(findings('invalid-spec-templates.yaml')).toEqual([
      {
        severity: 'error',
        path: '/spec/templates',
        range: { line: 9, column: 3, endLine: 9, endColumn: 12 },
        message:
          'unknown field "templates" in spec (ReplicationControllerSpec); did you mean "template"?',
      },
    ]);
  });

  it('reports replicas on a DaemonSet, which has none', () => {
    expect(findings('invalid-daemonset-replicas.yaml')).toEqual([
      {
        severity: 'error',
        path: '/spec/replicas',
        range: { line: 6, column: 3, endLine: 6, endColumn: 11 },
        message: 'unknown field "replicas" in spec (DaemonSetSpec)',
      },
    ]);
  });
});
