import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'volume/mount-undeclared';

describe(ID, () => {
  it('invalid-undeclared.yaml: reports 1 finding at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-undeclared.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/template/spec/containers/1/volumeMounts/0/name', [21, 21, 21, 27]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'volumeMount "shraed" of container "uploader" of Deployment web names a volume the pod does not declare (volumes: "shared"): the API server rejects the pod',
    ]);
  });

  it('valid-mounts.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-mounts.yaml', ID)).toEqual([]);
  });
});
