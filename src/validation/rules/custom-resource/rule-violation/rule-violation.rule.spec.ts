import { describe, expect, it } from 'vitest';
import { at, findingsFor, validateFixture } from '../../testing.js';

const RULE = 'custom-resource/rule-violation';

function findings(fixture: string) {
  return validateFixture(import.meta.url, fixture)
    .findings.filter((f) => f.ruleId === RULE)
    .map((f) => [f.severity, f.path, at(f), f.message]);
}

describe('custom-resource/rule-violation', () => {
  it('reports each failing rule with its message at its node or fieldPath; skips transition rules; a missing function is info', () => {
    expect(findings('invalid-cel-rules.yaml')).toEqual([
      [
        'info',
        '/spec',
        [53, 3, 58, 19],
        'CEL rule "self.name.frobnicate()" not checked: unbound function: frobnicate (podwire lacks this CEL function or overload)',
      ],
      ['error', '/spec/name', [53, 9, 53, 17], 'name must be a DNS label'],
      ['error', '/spec/minReplicas', [54, 16, 54, 17], 'minReplicas (5) exceeds maxReplicas'],
      ['error', '/spec/memory', [57, 11, 57, 14], 'memory must be under 1Gi'],
      ['error', '/spec/ports', [58, 10, 58, 19], 'ports must be sorted'],
    ]);
  });

  it('evaluates the Kubernetes libraries (format, quantity, url, cidr, lists, strings) on a valid resource', () => {
    expect(findings('valid-cel-rules.yaml')).toEqual([]);
  });

  it('bounds the cost: a quadratic rule over a large list is skipped as info, not run', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: bags.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Bag, plural: bags}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                items:
                  type: array
                  items: {type: integer}
                  x-kubernetes-validations:
                    - rule: self.all(a, self.all(b, self.all(c, a + b + c >= 0)))
---
apiVersion: example.com/v1
kind: Bag
metadata: {name: big}
spec:
  items: [${Array.from({ length: 2000 }, (_, i) => i).join(', ')}]
`;
    const found = findingsFor(crd, RULE);
    expect(found.map((f) => [f.severity, f.path])).toEqual([['info', '/spec/items']]);
    expect(found[0].message).toContain('estimated cost exceeds');
  });
});
