import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'pod/duplicate-container-name';

describe(ID, () => {
  it('invalid-duplicate-names.yaml: reports 2 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-duplicate-names.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/template/spec/containers/0/name', [16, 17, 16, 20]],
      ['error', '/spec/template/spec/containers/2/name', [20, 17, 20, 22]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'container name "app" is used twice in the pod template of Deployment web: names must be unique across containers and initContainers',
      'container name "proxy" is used twice in the pod template of Deployment web: names must be unique across containers and initContainers',
    ]);
    expect(
      findings.map((f) => (f.related ?? []).map((r) => [r.path, r.range.line, r.range.column])),
    ).toEqual([
      [['/spec/template/spec/initContainers/0/name', 13, 17]],
      [['/spec/template/spec/containers/1/name', 18, 17]],
    ]);
  });

  it('valid-unique-names.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-unique-names.yaml', ID)).toEqual([]);
  });
});
