import { compiledRule } from './evaluate-rules.js';
import { re2 } from './re2.js';
import type { JsonPath, ValidationRule } from './structural-schema.js';

export interface CrdSchemaIssue {
  /** Path into the CRD object. */
  path: JsonPath;
  message: string;
  at?: 'key';
}

const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);
const LIST_TYPES = new Set(['atomic', 'set', 'map']);
const SCALARS = new Set(['string', 'integer', 'number', 'boolean']);
/** Keywords and the JSON type the API server decodes them as (JSONSchemaProps). */
const SHAPES: Readonly<
  Record<string, 'number' | 'boolean' | 'string' | 'array' | 'object' | 'strings' | 'objects'>
> = {
  minimum: 'number',
  maximum: 'number',
  multipleOf: 'number',
  minLength: 'number',
  maxLength: 'number',
  minItems: 'number',
  maxItems: 'number',
  minProperties: 'number',
  maxProperties: 'number',
  exclusiveMinimum: 'boolean',
  exclusiveMaximum: 'boolean',
  nullable: 'boolean',
  'x-kubernetes-preserve-unknown-fields': 'boolean',
  'x-kubernetes-int-or-string': 'boolean',
  'x-kubernetes-embedded-resource': 'boolean',
  pattern: 'string',
  format: 'string',
  enum: 'array',
  required: 'strings',
  'x-kubernetes-list-map-keys': 'strings',
  properties: 'object',
  allOf: 'objects',
  anyOf: 'objects',
  oneOf: 'objects',
  'x-kubernetes-validations': 'objects',
};

function hasShape(value: unknown, shape: (typeof SHAPES)[string]): boolean {
  switch (shape) {
    case 'array':
      return Array.isArray(value);
    case 'strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'objects':
      return Array.isArray(value) && value.every((item) => record(item) !== undefined);
    case 'object':
      return (
        record(value) !== undefined &&
        Object.values(value as object).every((item) => record(item) !== undefined)
      );
    default:
      return typeof value === shape;
  }
}
/** Keywords a value validation (allOf/anyOf/oneOf/not) may not use in a structural schema. */
const STRUCTURE_ONLY = [
  'type',
  'additionalProperties',
  'default',
  'nullable',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
];

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * What the API server refuses in a CRD's `openAPIV3Schema` (apiextensions validation and the
 * structural-schema rules): every node typed (unless int-or-string or preserve-unknown-fields),
 * arrays with items, no uniqueItems or $ref, properties and additionalProperties not both,
 * x-kubernetes-* used where they mean something, list-map keys scalar and required (or
 * defaulted), CEL rules that parse.
 * https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema
 */
export function checkCrdSchema(raw: Record<string, unknown>): CrdSchemaIssue[] {
  const issues: CrdSchemaIssue[] = [];
  const versions = record(raw.spec)?.versions;
  if (!Array.isArray(versions)) return issues;
  versions.forEach((entry, i) => {
    const version = record(entry);
    if (!version) return;
    const base = ['spec', 'versions', i, 'schema', 'openAPIV3Schema'];
    const schema = record(record(version.schema)?.openAPIV3Schema);
    if (!schema) {
      issues.push({
        path: ['spec', 'versions', i, 'schema'],
        message: `spec.versions[${i}].schema.openAPIV3Schema: Required value: schemas are required`,
      });
      return;
    }
    if (schema.type !== 'object')
      issues.push({
        path: [...base, 'type'],
        message: 'the root of the schema must have type: object',
      });
    new SchemaChecker(issues).node(schema, base, false);
  });
  return issues;
}

class SchemaChecker {
  constructor(private readonly issues: CrdSchemaIssue[]) {}

  private report(path: JsonPath, message: string, at?: 'key'): void {
    this.issues.push(at ? { path, message, at } : { path, message });
  }

  /**
   * `inValidation`: inside allOf/anyOf/oneOf/not, where only value validations are allowed;
   * `typeAllowed`: directly under an int-or-string node, whose `anyOf: [{type: integer},
   * {type: string}]` (what kubebuilder writes) is allowed.
   */
  node(
    schema: Record<string, unknown>,
    path: JsonPath,
    inValidation: boolean,
    typeAllowed = false,
  ): void {
    for (const [key, shape] of Object.entries(SHAPES)) {
      if (schema[key] !== undefined && !hasShape(schema[key], shape))
        this.report(
          [...path, key],
          `${key}: Invalid value: must be ${shape === 'strings' ? 'a list of strings' : shape === 'objects' ? 'a list of objects' : shape === 'object' ? 'a map of schemas' : `a ${shape}`}`,
        );
    }
    for (const key of ['items', 'not'])
      if (schema[key] !== undefined && !record(schema[key]))
        this.report([...path, key], `${key}: Invalid value: must be a schema object`);
    if (
      schema.additionalProperties !== undefined &&
      typeof schema.additionalProperties !== 'boolean' &&
      !record(schema.additionalProperties)
    )
      this.report(
        [...path, 'additionalProperties'],
        'additionalProperties: Invalid value: must be a boolean or a schema',
      );
    if (typeof schema.pattern === 'string' && re2(schema.pattern) === null)
      this.report(
        [...path, 'pattern'],
        `pattern: Invalid value: ${JSON.stringify(schema.pattern)}: not a valid RE2 regular expression`,
      );
    const type = schema.type;
    const intOrString = schema['x-kubernetes-int-or-string'] === true;
    const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
    if (inValidation) {
      for (const key of STRUCTURE_ONLY)
        if (schema[key] !== undefined && !(key === 'type' && typeAllowed))
          this.report(
            [...path, key],
            `${key} must not be used inside allOf, anyOf, oneOf or not`,
            'key',
          );
    } else if (type === undefined) {
      if (!intOrString && !preserve)
        this.report(path, 'type: Required value: must not be empty for specified object fields');
    } else if (typeof type !== 'string' || !TYPES.has(type)) {
      this.report(
        [...path, 'type'],
        `type: Unsupported value: ${JSON.stringify(type)}: supported values: "array", "boolean", "integer", "number", "object", "string"`,
      );
    }
    if (intOrString && type !== undefined && !inValidation)
      this.report(
        [...path, 'x-kubernetes-int-or-string'],
        'x-kubernetes-int-or-string: true requires type to be empty',
        'key',
      );
    for (const key of ['uniqueItems', '$ref']) {
      if (schema[key] === true || (key === '$ref' && schema[key] !== undefined))
        this.report([...path, key], `${key} is forbidden in a CRD schema`, 'key');
    }
    if (schema.additionalProperties === false)
      this.report(
        [...path, 'additionalProperties'],
        'additionalProperties: Forbidden: must not be false (pruning drops unknown fields)',
      );
    if (schema.properties !== undefined && record(schema.additionalProperties))
      this.report(
        [...path, 'additionalProperties'],
        'additionalProperties and properties are mutually exclusive',
        'key',
      );
    if (schema['x-kubernetes-embedded-resource'] === true) {
      if (type !== 'object')
        this.report(
          [...path, 'x-kubernetes-embedded-resource'],
          'x-kubernetes-embedded-resource requires type: object',
          'key',
        );
      if (schema.properties === undefined && !preserve)
        this.report(
          [...path, 'x-kubernetes-embedded-resource'],
          'x-kubernetes-embedded-resource requires properties or x-kubernetes-preserve-unknown-fields',
          'key',
        );
    }
    if (type === 'array' && !inValidation && schema.items === undefined)
      this.report(path, 'items: Required value: must be specified for arrays');
    this.lists(schema, path, type);
    this.rules(schema, path);
    this.children(schema, path, inValidation);
  }

  private lists(schema: Record<string, unknown>, path: JsonPath, type: unknown): void {
    const listType = schema['x-kubernetes-list-type'];
    const mapKeys = schema['x-kubernetes-list-map-keys'];
    if (listType !== undefined) {
      if (type !== 'array')
        this.report(
          [...path, 'x-kubernetes-list-type'],
          'x-kubernetes-list-type is only allowed on arrays',
          'key',
        );
      else if (typeof listType !== 'string' || !LIST_TYPES.has(listType))
        this.report(
          [...path, 'x-kubernetes-list-type'],
          `x-kubernetes-list-type: Unsupported value: ${JSON.stringify(listType)}: supported values: "atomic", "map", "set"`,
        );
    }
    const items = record(schema.items);
    if (
      listType === 'set' &&
      items &&
      typeof items.type === 'string' &&
      !SCALARS.has(items.type) &&
      items.type !== 'array'
    )
      this.report(
        [...path, 'items', 'type'],
        'x-kubernetes-list-type: set requires scalar (or atomic list) items',
      );
    if (mapKeys !== undefined && listType !== 'map')
      this.report(
        [...path, 'x-kubernetes-list-map-keys'],
        'x-kubernetes-list-map-keys requires x-kubernetes-list-type: map',
        'key',
      );
    if (listType !== 'map') return;
    if (!items || items.type !== 'object') {
      this.report(
        [...path, 'x-kubernetes-list-type'],
        'x-kubernetes-list-type: map requires items of type object',
      );
      return;
    }
    if (!Array.isArray(mapKeys) || mapKeys.length === 0) {
      this.report(
        [...path, 'x-kubernetes-list-type'],
        'x-kubernetes-list-type: map requires a non-empty x-kubernetes-list-map-keys',
      );
      return;
    }
    const properties = record(items.properties) ?? {};
    const required = Array.isArray(items.required) ? items.required : [];
    mapKeys.forEach((key, k) => {
      const keyPath = [...path, 'x-kubernetes-list-map-keys', k];
      const property = typeof key === 'string' ? record(properties[key]) : undefined;
      if (!property) {
        this.report(keyPath, `list-map key ${JSON.stringify(key)} is not a property of the items`);
        return;
      }
      if (typeof property.type !== 'string' || !SCALARS.has(property.type))
        this.report(
          keyPath,
          `list-map key ${JSON.stringify(key)} must be a scalar (string, integer, number or boolean)`,
        );
      if (!required.includes(key) && property.default === undefined)
        this.report(
          keyPath,
          `list-map key ${JSON.stringify(key)} must be required or have a default`,
        );
    });
  }

  private rules(schema: Record<string, unknown>, path: JsonPath): void {
    const rules = schema['x-kubernetes-validations'];
    if (!Array.isArray(rules)) return;
    rules.forEach((entry, r) => {
      const rule = record(entry);
      if (!rule) return;
      if (typeof rule.rule !== 'string') {
        this.report(
          [...path, 'x-kubernetes-validations', r],
          'rule: Required value: a validation rule needs a CEL expression',
        );
        return;
      }
      const program = compiledRule(rule as unknown as ValidationRule);
      if ('error' in program)
        this.report(
          [...path, 'x-kubernetes-validations', r, 'rule'],
          `CEL rule does not compile: ${program.error}`,
        );
    });
  }

  private children(schema: Record<string, unknown>, path: JsonPath, inValidation: boolean): void {
    const properties = record(schema.properties);
    if (properties) {
      for (const [key, sub] of Object.entries(properties)) {
        const child = record(sub);
        if (child) this.node(child, [...path, 'properties', key], inValidation);
      }
    }
    for (const key of ['items', 'additionalProperties'] as const) {
      const child = record(schema[key]);
      if (child) this.node(child, [...path, key], inValidation);
    }
    const intOrString = schema['x-kubernetes-int-or-string'] === true;
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = schema[key];
      if (Array.isArray(list))
        list.forEach((sub, i) => {
          const child = record(sub);
          if (child) this.node(child, [...path, key, i], true, intOrString);
        });
    }
    const not = record(schema.not);
    if (not) this.node(not, [...path, 'not'], true);
  }
}
