import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'workload/selector-mismatch';

describe(ID, () => {
  it('invalid-selector.yaml: reports 4 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-selector.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/selector', [7, 5, 8, 15]],
      ['error', '/spec/selector', [25, 5, 26, 52]],
      ['error', '/spec/selector', [41, 13, 41, 15]],
      ['error', '/spec/selector', [57, 5, 57, 16]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'the selector {"matchLabels":{"app":"web"}} of Deployment web does not match its pod template labels {"app":"api"}: the API server rejects the object',
      'the selector {"matchExpressions":[{"key":"app","operator":"NotIn","values":["db"]}]} of StatefulSet db does not match its pod template labels {"app":"db"}: the API server rejects the object',
      'DaemonSet agent has an empty selector: the API server rejects it (it would adopt every pod of the namespace)',
      'the selector {"app":"legacy"} of ReplicationController legacy does not match its pod template labels {}',
    ]);
    expect(
      findings.map((f) => (f.related ?? []).map((r) => [r.path, r.range.line, r.range.column])),
    ).toEqual([
      [['/spec/template/metadata/labels', 12, 9]],
      [['/spec/template/metadata/labels', 30, 9]],
      [],
      [],
    ]);
  });

  it('valid-selector.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-selector.yaml', ID)).toEqual([]);
  });
});
