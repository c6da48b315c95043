import { describe, expect, it } from 'vitest';
import { at, findingsFor, fixtureFindings } from '../../testing.js';

describe('manifest/duplicate-object', () => {
  it('treats a missing namespace as "default" and points at the second name, related to the first', () => {
    const findings = fixtureFindings(
      import.meta.url,
      'invalid-default-namespace.yaml',
      'manifest/duplicate-object',
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].object).toMatchObject({
      documentIndex: 1,
      kind: 'ConfigMap',
      name: 'settings',
    });
    expect(at(findings[0])).toEqual([11, 9, 11, 17]);
    expect(
      findings[0].related?.map((related) => [
        related.object.documentIndex,
        related.path,
        related.range.line,
      ]),
    ).toEqual([[0, '/metadata/name', 4]]);
  });

  it('tells objects apart by namespace and by kind', () => {
    expect(
      fixtureFindings(import.meta.url, 'valid-other-namespace.yaml', 'manifest/duplicate-object'),
    ).toEqual([]);
  });

  it('ignores the namespace of cluster-scoped kinds', () => {
    const ns = (extra: string) =>
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n${extra}`;
    expect(
      findingsFor(`${ns('')}---\n${ns('  namespace: other\n')}`, 'manifest/duplicate-object'),
    ).toHaveLength(1);
  });

  it('tells API groups apart', () => {
    const text =
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a}\n---\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: a}\n';
    expect(findingsFor(text, 'manifest/duplicate-object')).toEqual([]);
  });
});
