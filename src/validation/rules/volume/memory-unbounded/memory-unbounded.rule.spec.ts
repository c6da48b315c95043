import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'volume/memory-unbounded';

describe(ID, () => {
  it('invalid-memory-unbounded.yaml: reports 1 finding at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-memory-unbounded.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/template/spec/volumes/0/emptyDir/medium', [28, 21, 28, 27]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'emptyDir "shm" of the pod template of Deployment web is a tmpfs (medium Memory) without sizeLimit, and container "writer" mounting it has no memory limit: it can grow to the node\'s allocatable memory, and that memory cannot be reclaimed',
    ]);
  });

  it('valid-memory-bounded.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-memory-bounded.yaml', ID)).toEqual([]);
  });
});
