import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'volume/emptydir-unbounded';

describe(ID, () => {
  it('invalid-unbounded.yaml: reports 2 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-unbounded.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/volumes/0/emptyDir', [18, 17, 18, 19]],
      ['warning', '/spec/volumes/1/emptyDir', [20, 7, 20, 15]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'emptyDir "shared" of Pod web has no sizeLimit: it can fill the node\'s ephemeral storage until pods get evicted',
      'emptyDir "shm" (medium Memory) of Pod web has no sizeLimit: it is bounded only by the containers\' memory limits, and files written there compete with the processes for that memory',
    ]);
  });

  it('invalid-null.yaml: `emptyDir:` with no value is reported at the key and gets the block fix', () => {
    const [finding] = fixtureFindings(import.meta.url, 'invalid-null.yaml', ID);
    expect(at(finding)).toEqual([14, 7, 14, 15]);
    expect(finding.fix).toEqual({
      description:
        'Set sizeLimit: 1Gi on emptyDir "scratch" (the kubelet then evicts only this pod if it fills up)',
      safety: 'safe',
      edits: [
        {
          range: { line: 14, column: 16, endLine: 15, endColumn: 1 },
          newText: '\n        sizeLimit: 1Gi\n',
        },
      ],
    });
  });

  it('valid-bounded.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-bounded.yaml', ID)).toEqual([]);
  });
});
