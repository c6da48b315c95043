import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { at, findingsFor, fixtureFindings, fixturePath } from '../../testing.js';

const RULE = 'crd/invalid-schema';
const BASE = '/spec/versions/0/schema/openAPIV3Schema/properties/spec';

function findings(fixture: string) {
  return fixtureFindings(import.meta.url, fixture, RULE).map((f) => [f.path, at(f), f.message]);
}

describe('crd/invalid-schema', () => {
  it('accepts a structural schema (int-or-string anyOf, embedded resource, list-map keys with a default)', () => {
    expect(findings('valid-crd.yaml')).toEqual([]);
  });

  it('reports what the API server refuses, at the schema node', () => {
    expect(findings('invalid-schemas.yaml')).toEqual([
      [
        `${BASE}/x-kubernetes-validations/0/rule`,
        [20, 25, 20, 36],
        'CEL rule does not compile: <input>:1:11: found > but expecting end of input',
      ],
      [
        `${BASE}/properties/size/type`,
        [22, 30, 22, 33],
        'type: Unsupported value: "int": supported values: "array", "boolean", "integer", "number", "object", "string"',
      ],
      [
        `${BASE}/properties/name`,
        [23, 23, 23, 44],
        'type: Required value: must not be empty for specified object fields',
      ],
      [
        `${BASE}/properties/count/x-kubernetes-int-or-string`,
        [24, 40, 24, 66],
        'x-kubernetes-int-or-string: true requires type to be empty',
      ],
      [
        `${BASE}/properties/tags/uniqueItems`,
        [27, 19, 27, 30],
        'uniqueItems is forbidden in a CRD schema',
      ],
      [
        `${BASE}/properties/ports/x-kubernetes-list-map-keys/0`,
        [32, 48, 32, 52],
        'list-map key "port" must be required or have a default',
      ],
    ]);
  });

  it('a CRD the API server refuses defines nothing: its resources stay unknown kinds', () => {
    const crd = readFileSync(fixturePath(import.meta.url, 'invalid-schemas.yaml'), 'utf8');
    const widget =
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1}\n';
    const result = findingsFor(`${crd}\n---\n${widget}`, 'manifest/unknown-kind');
    expect(result.map((f) => f.object.kind)).toEqual(['Widget']);
  });

  it('refuses malformed keywords instead of crashing on them, and its resources stay unvalidated', () => {
    const text = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: odd.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Odd, plural: odds}
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
              required: spec
              allOf: {not: a list}
              properties:
                a: {type: string, enum: 5, pattern: '(?=lookahead)'}
                b: {type: array, items: [1], x-kubernetes-validations: [{message: no rule}]}
---
apiVersion: example.com/v1
kind: Odd
metadata: {name: o}
spec: {a: x, b: [1]}
`;
    expect(findingsFor(text, RULE).map((f) => [f.path.replace(BASE, ''), f.message])).toEqual([
      ['/required', 'required: Invalid value: must be a list of strings'],
      ['/allOf', 'allOf: Invalid value: must be a list of objects'],
      ['/properties/a/enum', 'enum: Invalid value: must be a array'],
      [
        '/properties/a/pattern',
        'pattern: Invalid value: "(?=lookahead)": not a valid RE2 regular expression',
      ],
      ['/properties/b/items', 'items: Invalid value: must be a schema object'],
      [
        '/properties/b/x-kubernetes-validations/0',
        'rule: Required value: a validation rule needs a CEL expression',
      ],
    ]);
    expect(findingsFor(text, 'custom-resource/schema-violation')).toEqual([]);
  });
});
