import { describe, expect, it } from 'vitest';
import { at, findingsFor, fixtureFindings, validateFixture } from '../../testing.js';

describe('yaml/duplicate-key', () => {
  it('reports the second `containers:` key of a pod spec at that key', () => {
    const findings = fixtureFindings(
      import.meta.url,
      'invalid-containers-twice.yaml',
      'yaml/duplicate-key',
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].path).toBe('/spec/containers');
    expect(at(findings[0])).toEqual([9, 3, 9, 13]);
    expect(findings[0].object).toMatchObject({ kind: 'Pod', name: 'web' });
  });

  it('keeps the last value, as Kubernetes tooling does', () => {
    const result = validateFixture(import.meta.url, 'invalid-containers-twice.yaml');
    expect(result.valid).toBe(false);
    expect(result.objects).toHaveLength(1);
  });

  it('treats keys by their string value (80 and "80" collide)', () => {
    const findings = findingsFor(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  80: x\n  "80": y\n',
      'yaml/duplicate-key',
    );
    expect(findings.map(at)).toEqual([[6, 3, 6, 7]]);
  });

  it('stays silent when keys are unique', () => {
    expect(
      fixtureFindings(import.meta.url, 'valid-unique-keys.yaml', 'yaml/duplicate-key'),
    ).toEqual([]);
  });

  it('can be silenced by the object annotation', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations: {podwire.dev/ignore: yaml/duplicate-key}\ndata: {a: 1, a: 2}\n';
    expect(findingsFor(text, 'yaml/duplicate-key')).toEqual([]);
  });
});
