import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'volume/unused';

describe(ID, () => {
  it('invalid-unused.yaml: reports 2 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-unused.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/volumes/1/name', [16, 13, 16, 18]],
      ['warning', '/spec/volumes/2/name', [19, 13, 19, 19]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'volume "cache" (emptyDir) of Pod web is mounted by no container',
      'volume "config" (configMap) of Pod web is mounted by no container',
    ]);
  });

  it('valid-used.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-used.yaml', ID)).toEqual([]);
  });
});
