import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'volume/no-writer';

describe(ID, () => {
  it('invalid-no-writer.yaml: reports 1 finding at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-no-writer.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/volumes/0/name', [20, 13, 20, 20]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'emptyDir "sockets" of Pod web is shared by containers "app", "proxy", but every mount is readOnly: nothing can ever be written to it',
    ]);
    expect(
      findings.map((f) => (f.related ?? []).map((r) => [r.path, r.range.line, r.range.column])),
    ).toEqual([
      [
        ['/spec/containers/0/volumeMounts/0/readOnly', 12, 21],
        ['/spec/containers/1/volumeMounts/0/readOnly', 18, 21],
      ],
    ]);
  });

  it('valid-writer.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-writer.yaml', ID)).toEqual([]);
  });
});
