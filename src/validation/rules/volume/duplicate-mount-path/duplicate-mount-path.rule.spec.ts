import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'volume/duplicate-mount-path';

describe(ID, () => {
  it('invalid-duplicate-paths.yaml: reports 2 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-duplicate-paths.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/containers/0/volumeMounts/1/mountPath', [13, 22, 13, 34]],
      ['error', '/spec/containers/0/volumeMounts/1/mountPath', [34, 22, 34, 27]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'container "app" of Pod web mounts both volume "shared" and volume "config" at /srv/shared: the API server compares the paths literally and accepts them, but the second mount hides the first',
      'container "app" of Pod exact mounts both volume "a" and volume "b" at /data: the API server rejects the pod',
    ]);
    expect(
      findings.map((f) => (f.related ?? []).map((r) => [r.path, r.range.line, r.range.column])),
    ).toEqual([
      [['/spec/containers/0/volumeMounts/0/mountPath', 11, 22]],
      [['/spec/containers/0/volumeMounts/0/mountPath', 32, 22]],
    ]);
  });

  it('valid-mount-paths.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-mount-paths.yaml', ID)).toEqual([]);
  });
});
