import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

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

  it('spec.templates has one near miss the spec lacks: a safe rename to template', () => {
    const [finding] = fixtureFindings(
      import.meta.url,
      'invalid-spec-templates.yaml',
      'schema/unknown-field',
    );
    expect(finding.fix).toEqual({
      description: 'Rename field "templates" to "template", the field the API defines here',
      safety: 'safe',
      edits: [{ range: { line: 9, column: 3, endLine: 9, endColumn: 12 }, newText: 'template' }],
    });
  });

  it('invalid-near-misses.yaml: a rename where exactly one field fits, the mapping lacks it and its value is valid there', () => {
    const found = fixtureFindings(
      import.meta.url,
      'invalid-near-misses.yaml',
      'schema/unknown-field',
    );
    expect(
      found.map((f) => [f.path, f.fix?.safety, f.fix?.edits.map((e) => [...at(e), e.newText])]),
    ).toEqual([
      ['/spec/containers/0/imagePullPolice', 'safe', [[11, 7, 11, 22, 'imagePullPolicy']]],
      ['/spec/containers/0/ports/0/contianerPort', 'safe', [[13, 11, 13, 24, 'containerPort']]],
      // Case only.
      ['/spec/containers/0/ports/1/ContainerPort', 'safe', [[14, 11, 14, 24, 'containerPort']]],
      // A swap is one edit, even in a four-letter name; flow style stays.
      ['/spec/containers/0/ports/2/nmae', 'safe', [[15, 34, 15, 38, 'name']]],
      // The mapping already has containerPort: a rename would duplicate it.
      ['/spec/containers/0/ports/3/ContainerPort', undefined, undefined],
      // hostPort must be an integer: renaming "8084" would only trade one error for another.
      ['/spec/containers/0/ports/4/hostPrt', undefined, undefined],
      // subPath and subPathExpr are both two edits away: no guess is safe.
      ['/spec/containers/0/volumeMounts/0/subPathEx', undefined, undefined],
    ]);
    expect(found[3].message).toBe(
      'unknown field "nmae" in spec.containers[0].ports[2] (ContainerPort); did you mean "name"?',
    );
  });

  it('no fix when no field is close (replicas on a DaemonSet)', () => {
    const [finding] = fixtureFindings(
      import.meta.url,
      'invalid-daemonset-replicas.yaml',
      'schema/unknown-field',
    );
    expect(finding.fix).toBeUndefined();
  });
});
