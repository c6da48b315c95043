import { describe, expect, it } from 'vitest';
import { at, findingsFor, fixtureFindings } from '../../testing.js';

describe('manifest/missing-type', () => {
  it('reports a missing kind at the start of the object', () => {
    const findings = fixtureFindings(
      import.meta.url,
      'invalid-no-kind.yaml',
      'manifest/missing-type',
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toBe('Object has no kind: Kubernetes cannot tell what it is');
    expect(findings[0].path).toBe('/kind');
    expect(at(findings[0])).toEqual([1, 1, 1, 11]);
  });

  it('reports `kind:` without a value at the key', () => {
    const [finding] = fixtureFindings(
      import.meta.url,
      'invalid-empty-kind.yaml',
      'manifest/missing-type',
    );
    expect(at(finding)).toEqual([2, 1, 2, 5]);
  });

  it('reports a document that is a sequence', () => {
    const [finding] = fixtureFindings(
      import.meta.url,
      'invalid-not-a-mapping.yaml',
      'manifest/missing-type',
    );
    expect(finding.message).toMatch(/^Document is a sequence/);
    expect(at(finding)).toEqual([1, 1, 1, 17]);
  });

  it('reports a non-string apiVersion', () => {
    const [finding] = findingsFor(
      'apiVersion: 1\nkind: ConfigMap\nmetadata: {name: a}\n',
      'manifest/missing-type',
    );
    expect(finding.message).toBe('apiVersion must be a non-empty string, not 1');
    expect(at(finding)).toEqual([1, 13, 1, 14]);
  });

  it('stays silent on typed objects', () => {
    expect(fixtureFindings(import.meta.url, 'valid-typed.yaml', 'manifest/missing-type')).toEqual(
      [],
    );
  });
});
