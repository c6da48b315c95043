import { describe, expect, it } from 'vitest';
import { fixtureFindings } from '../../testing.js';

function findings(fixture: string) {
  return fixtureFindings(import.meta.url, fixture, 'schema/missing-required').map(
    ({ severity, path, range, message }) => ({ severity, path, range, message }),
  );
}

describe('schema/missing-required', () => {
  it.each(['valid-pod.yaml', 'valid-null-optional.yaml'])('reports nothing for %s', (fixture) => {
    expect(findings(fixture)).toEqual([]);
  });

  it('reports a container without a name at the container entry', () => {
    expect(findings('invalid-container-name.yaml')).toEqual([
      {
        severity: 'error',
        path: '/spec/containers/0/name',
        range: { line: 7, column: 7, endLine: 7, endColumn: 12 },
        message: 'spec.containers[0].name is required (Container)',
      },
    ]);
  });

  it('requires an image in a Deployment pod template', () => {
    expect(findings('invalid-no-image.yaml')).toEqual([
      {
        severity: 'error',
        path: '/spec/template/spec/containers/0/image',
        range: { line: 13, column: 11, endLine: 13, endColumn: 15 },
        message: 'spec.template.spec.containers[0].image is required (Container)',
      },
    ]);
  });

  it('points at spec: when a Deployment has no selector', () => {
    expect(findings('invalid-deployment-selector.yaml')).toEqual([
      {
        severity: 'error',
        path: '/spec/selector',
        range: { line: 5, column: 1, endLine: 5, endColumn: 5 },
        message: 'spec.selector is required (DeploymentSpec)',
      },
    ]);
  });
});
