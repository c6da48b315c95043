import { describe, expect, it } from 'vitest';
import type { CustomResourceVersion, StructuralSchema } from './structural-schema.js';
import { validateCustomResource } from './validate-custom-resource.js';

function version(spec: StructuralSchema): CustomResourceVersion {
  return {
    group: 'example.com',
    kind: 'Thing',
    version: 'v1',
    namespaced: true,
    statusSubresource: false,
    schema: { type: 'object', properties: { spec } },
  };
}

/** [path, message] of each issue for `spec` under the given spec schema. */
function issues(spec: StructuralSchema, value: unknown) {
  return validateCustomResource(version(spec), {
    apiVersion: 'example.com/v1',
    kind: 'Thing',
    metadata: { name: 'x', labels: { anything: 'goes' } },
    spec: value,
  }).map((issue) => [issue.path.join('.'), issue.message]);
}

describe('validateCustomResource', () => {
  it('list-type set: duplicate scalars', () => {
    const schema: StructuralSchema = {
      type: 'array',
      'x-kubernetes-list-type': 'set',
      items: { type: 'string' },
    };
    expect(issues(schema, ['a', 'b', 'a'])).toEqual([['spec.2', 'spec[2]: Duplicate value: "a"']]);
    expect(issues({ ...schema, 'x-kubernetes-list-type': 'atomic' }, ['a', 'a'])).toEqual([]);
  });

  it('list-type map: duplicate keys, with defaulted key fields', () => {
    const schema: StructuralSchema = {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['port', 'protocol'],
      items: {
        type: 'object',
        required: ['port'],
        properties: { port: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' } },
      },
    };
    expect(issues(schema, [{ port: 80 }, { port: 80, protocol: 'UDP' }])).toEqual([]);
    expect(issues(schema, [{ port: 80 }, { port: 80, protocol: 'TCP' }])).toEqual([
      ['spec.1', 'spec[1]: Duplicate value: {"port":80,"protocol":"TCP"}'],
    ]);
  });

  it('string bounds, pattern, format and enum', () => {
    const schema: StructuralSchema = {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 2, maxLength: 4, pattern: '^[a-z]+$' },
        addr: { type: 'string', format: 'ipv4' },
        when: { type: 'string', format: 'date-time' },
        mode: { type: 'string', enum: ['a', 'b'] },
      },
    };
    expect(
      issues(schema, { name: 'Abcde', addr: '10.0.0.300', when: 'yesterday', mode: 'c' }),
    ).toEqual([
      ['spec.name', 'spec.name: Too long: may not be more than 4 characters'],
      ['spec.name', "spec.name in body should match '^[a-z]+$'"],
      ['spec.addr', 'spec.addr in body must be of type ipv4: "10.0.0.300"'],
      ['spec.when', 'spec.when in body must be of type date-time: "yesterday"'],
      ['spec.mode', 'spec.mode: Unsupported value: "c": supported values: "a", "b"'],
    ]);
    expect(issues(schema, { name: 'ab', addr: '10.0.0.1', when: '2026-01-02T03:04:05Z' })).toEqual(
      [],
    );
  });

  it('numeric bounds, items and properties counts', () => {
    const schema: StructuralSchema = {
      type: 'object',
      properties: {
        n: { type: 'integer', minimum: 1, maximum: 10, exclusiveMaximum: true },
        x: { type: 'number', multipleOf: 0.5 },
        list: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'integer' } },
        map: { type: 'object', maxProperties: 1, additionalProperties: { type: 'string' } },
      },
    };
    expect(issues(schema, { n: 10, x: 0.3, list: [1, 2, 3], map: { a: 'x', b: 'y' } })).toEqual([
      ['spec.n', 'spec.n in body should be less than 10'],
      ['spec.x', 'spec.x in body should be a multiple of 0.5'],
      ['spec.list', 'spec.list: Too many: 3: must have at most 2 items'],
      ['spec.map', 'spec.map: Too many: 2: must have at most 1 items'],
    ]);
    expect(issues(schema, { n: 0, list: [], x: 1.5 })).toEqual([
      ['spec.n', 'spec.n in body should be greater than or equal to 1'],
      ['spec.list', 'spec.list in body should have at least 1 items'],
    ]);
  });

  it('nullable, int-or-string, additionalProperties types', () => {
    const schema: StructuralSchema = {
      type: 'object',
      properties: {
        maybe: { type: 'string', nullable: true },
        never: { type: 'string' },
        port: { 'x-kubernetes-int-or-string': true },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
    };
    expect(issues(schema, { maybe: null, never: null, port: 1.5, labels: { a: 1 } })).toEqual([
      ['spec.never', 'spec.never in body must be of type string: "null"'],
      ['spec.port', 'spec.port in body must be of type integer or string: "number"'],
      ['spec.labels.a', 'spec.labels.a in body must be of type string: "integer"'],
    ]);
  });

  it('embedded resources: apiVersion, kind and metadata are implicit, apiVersion and kind required', () => {
    const schema: StructuralSchema = {
      type: 'object',
      properties: {
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      },
    };
    expect(
      issues(schema, {
        template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { a: 1 } },
      }),
    ).toEqual([]);
    expect(issues(schema, { template: { metadata: {}, extra: 1 } })).toEqual([
      ['spec.template.extra', 'unknown field "spec.template.extra"'],
      ['spec.template.apiVersion', 'spec.template.apiVersion: Required value: must not be empty'],
      ['spec.template.kind', 'spec.template.kind: Required value: must not be empty'],
    ]);
  });

  it('defaults fill absent fields before validation, without touching the written object', () => {
    const schema: StructuralSchema = {
      type: 'object',
      required: ['mode'],
      properties: {
        mode: { type: 'string', default: 'bad', enum: ['good'] },
        nested: {
          type: 'object',
          default: {},
          properties: { n: { type: 'integer', default: 0, minimum: 1 } },
        },
      },
    };
    const raw = { apiVersion: 'example.com/v1', kind: 'Thing', spec: {} };
    expect(validateCustomResource(version(schema), raw).map((issue) => issue.message)).toEqual([
      'spec.mode: Unsupported value: "bad": supported values: "good"',
      'spec.nested.n in body should be greater than or equal to 1',
    ]);
    expect(raw.spec).toEqual({});
  });
});
