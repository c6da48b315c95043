import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'container/writable-root-fs';

describe(ID, () => {
  it('invalid-writable.yaml: reports 2 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-writable.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['info', '/spec/containers/0/securityContext/readOnlyRootFilesystem', [10, 33, 10, 38]],
      ['info', '/spec/containers/1/name', [11, 13, 11, 18]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'container "app" of Pod web has a writable root filesystem (readOnlyRootFilesystem is not true): write to mounted volumes instead',
      'container "proxy" of Pod web has a writable root filesystem (readOnlyRootFilesystem is not true): write to mounted volumes instead',
    ]);
  });

  it('valid-read-only.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-read-only.yaml', ID)).toEqual([]);
  });
});
