import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'pod/share-process-namespace';

describe(ID, () => {
  it('invalid-shared-processes.yaml: reports 1 finding at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-shared-processes.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['info', '/spec/shareProcessNamespace', [6, 26, 6, 30]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'Pod web shares one process namespace: the processes of containers "app", "reloader" and their files (through /proc/<pid>/root) are visible to each other, and the app no longer runs as PID 1',
    ]);
  });

  it('valid-separate-processes.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-separate-processes.yaml', ID)).toEqual([]);
  });
});
