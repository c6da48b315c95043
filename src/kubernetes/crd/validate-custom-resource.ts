import { checkFormat } from './formats.js';
import { re2Test } from './re2.js';
import { applyDefaults } from './defaults.js';
import { evaluateRules } from './evaluate-rules.js';
import {
  fieldName,
  type CustomResourceVersion,
  type JsonPath,
  type StructuralSchema,
} from './structural-schema.js';

export type CustomResourceIssueKind = 'schema' | 'rule' | 'unsupported';

export interface CustomResourceIssue {
  kind: CustomResourceIssueKind;
  /** Path into the object as written (defaults the API server would add have no position). */
  path: JsonPath;
  message: string;
  /** Point at the key (unknown fields), not the value. */
  at?: 'key';
  /**
   * For an unknown field: the fields the schema defines in that mapping (what a misspelt key may
   * have meant; the validation rules judge which one, if any, is a safe rename).
   */
  fields?: readonly string[];
}

/** A node of the defaulted object that has CEL rules, for the rule pass after the schema pass. */
export interface RuleSite {
  schema: StructuralSchema;
  value: unknown;
  path: JsonPath;
}

const ROOT_IMPLICIT = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * Validates a custom resource as the API server does on create: defaults first, then the
 * structural schema (unknown fields are what pruning would drop; kubectl --validate=strict, the
 * default, refuses them), then the CEL rules. Like the API server (customResourceStrategy.Validate,
 * hasBlockingErr), a type error blocks every CEL rule of the object: they are then not run, and
 * one info says so.
 */
export function validateCustomResource(
  version: CustomResourceVersion,
  raw: Record<string, unknown>,
): CustomResourceIssue[] {
  const object = applyDefaults(version.schema, raw);
  const walker = new Walker(true);
  walker.root(version, object);
  const issues = walker.issues;
  if (walker.typeInvalid) {
    if (walker.sites.length > 0)
      issues.push({
        kind: 'unsupported',
        path: [],
        message:
          'CEL validation rules not checked because the object has type errors; correct them to complete validation',
      });
    return issues;
  }
  issues.push(...evaluateRules(walker.sites));
  return issues;
}

class Walker {
  readonly issues: CustomResourceIssue[] = [];
  readonly sites: RuleSite[] = [];
  typeInvalid = false;
  private readonly path: (string | number)[] = [];

  /** `strict`: report unknown fields and collect rule sites (off inside allOf/anyOf/oneOf/not). */
  constructor(private readonly strict: boolean) {}

  root(version: CustomResourceVersion, object: Record<string, unknown>): void {
    const schema = version.schema;
    const skip = new Set(ROOT_IMPLICIT);
    if (version.statusSubresource) skip.add('status');
    this.visit(schema, object, skip);
  }

  private report(
    message: string,
    at?: 'key',
    path: JsonPath = this.path,
    fields?: readonly string[],
  ): void {
    this.issues.push({
      kind: 'schema',
      path: [...path],
      message,
      ...(at ? { at } : {}),
      ...(fields ? { fields } : {}),
    });
  }

  private get name(): string {
    return fieldName(this.path);
  }

  visit(schema: StructuralSchema, value: unknown, rootSkip?: ReadonlySet<string>): void {
    if (value === null || value === undefined) {
      if (
        value === null &&
        !schema.nullable &&
        !schema['x-kubernetes-preserve-unknown-fields'] &&
        schema.type
      ) {
        this.typeInvalid = true;
        this.report(`${this.name} in body must be of type ${schema.type}: "null"`);
      }
      return;
    }
    if (!this.typeMatches(schema, value)) return;
    this.values(schema, value);
    if (Array.isArray(value)) this.array(schema, value);
    else if (typeof value === 'object')
      this.object(schema, value as Record<string, unknown>, rootSkip);
    this.combinators(schema, value);
    if (this.strict && schema['x-kubernetes-validations']?.length)
      this.sites.push({ schema, value, path: [...this.path] });
  }

  private typeMatches(schema: StructuralSchema, value: unknown): boolean {
    let type = schema.type;
    if (schema['x-kubernetes-int-or-string']) {
      if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))
        return true;
      type = 'integer or string';
    }
    if (!type) return true;
    const actual = typeOf(value);
    if (actual === type || (type === 'number' && actual === 'integer')) return true;
    this.typeInvalid = true;
    this.report(`${this.name} in body must be of type ${type}: "${actual}"`);
    return false;
  }

  private values(schema: StructuralSchema, value: unknown): void {
    const name = this.name;
    if (schema.enum && !schema.enum.some((allowed) => deepEqual(allowed, value))) {
      const allowed = schema.enum.map((v) => JSON.stringify(v)).join(', ');
      this.report(
        `${name}: Unsupported value: ${JSON.stringify(value)}: supported values: ${allowed}`,
      );
    }
    if (typeof value === 'string') {
      const length = [...value].length;
      if (schema.maxLength !== undefined && length > schema.maxLength)
        this.report(`${name}: Too long: may not be more than ${schema.maxLength} characters`);
      if (schema.minLength !== undefined && length < schema.minLength)
        this.report(`${name} in body should be at least ${schema.minLength} chars long`);
      if (schema.pattern !== undefined && !re2Test(schema.pattern, value))
        this.report(`${name} in body should match '${schema.pattern}'`);
      if (schema.format !== undefined && !checkFormat(schema.format, value))
        this.report(`${name} in body must be of type ${schema.format}: ${JSON.stringify(value)}`);
    }
    if (typeof value === 'number') this.bounds(schema, value, name);
  }

  private bounds(schema: StructuralSchema, value: number, name: string): void {
    const { minimum, maximum, multipleOf } = schema;
    if (minimum !== undefined && (schema.exclusiveMinimum ? value <= minimum : value < minimum))
      this.report(
        `${name} in body should be greater than ${schema.exclusiveMinimum ? '' : 'or equal to '}${minimum}`,
      );
    if (maximum !== undefined && (schema.exclusiveMaximum ? value >= maximum : value > maximum))
      this.report(
        `${name} in body should be less than ${schema.exclusiveMaximum ? '' : 'or equal to '}${maximum}`,
      );
    if (multipleOf !== undefined && multipleOf > 0 && !Number.isInteger(value / multipleOf))
      this.report(`${name} in body should be a multiple of ${multipleOf}`);
    if (schema.format === 'int32' && (value > 2147483647 || value < -2147483648))
      this.report(`${name} in body must be of type int32: "${value}"`);
  }

  private object(
    schema: StructuralSchema,
    value: Record<string, unknown>,
    rootSkip?: ReadonlySet<string>,
  ): void {
    const properties = schema.properties;
    const additional =
      typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    const preserve =
      schema['x-kubernetes-preserve-unknown-fields'] === true ||
      schema.additionalProperties === true;
    const embedded = schema['x-kubernetes-embedded-resource'] === true;
    const keys = Object.keys(value);
    for (const key of keys) {
      if (rootSkip?.has(key)) continue;
      const sub = properties?.[key] ?? additional;
      if (sub === undefined) {
        if (embedded && ROOT_IMPLICIT.has(key)) continue;
        if (!preserve && this.strict)
          this.report(
            `unknown field "${fieldName([...this.path, key])}"`,
            'key',
            [...this.path, key],
            properties && !additional ? Object.keys(properties) : undefined,
          );
        continue;
      }
      this.path.push(key);
      this.visit(sub, value[key]);
      this.path.pop();
    }
    // An embedded resource is an object in its own right: apiVersion and kind are required.
    if (embedded)
      for (const key of ['apiVersion', 'kind'])
        if (typeof value[key] !== 'string' || value[key] === '')
          this.report(
            `${fieldName([...this.path, key])}: Required value: must not be empty`,
            undefined,
            [...this.path, key],
          );
    for (const key of schema.required ?? []) {
      if (value[key] === undefined || (value[key] === null && !properties?.[key]?.nullable))
        this.report(`${fieldName([...this.path, key])}: Required value`, undefined, [
          ...this.path,
          key,
        ]);
    }
    const count = keys.length;
    if (schema.maxProperties !== undefined && count > schema.maxProperties)
      this.report(
        `${this.name}: Too many: ${count}: must have at most ${schema.maxProperties} items`,
      );
    if (schema.minProperties !== undefined && count < schema.minProperties)
      this.report(`${this.name} in body should have at least ${schema.minProperties} properties`);
  }

  private array(schema: StructuralSchema, value: unknown[]): void {
    const items = schema.items;
    if (items) {
      for (let i = 0; i < value.length; i++) {
        this.path.push(i);
        this.visit(items, value[i]);
        this.path.pop();
      }
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      this.report(
        `${this.name}: Too many: ${value.length}: must have at most ${schema.maxItems} items`,
      );
    if (schema.minItems !== undefined && value.length < schema.minItems)
      this.report(`${this.name} in body should have at least ${schema.minItems} items`);
    const listType = schema['x-kubernetes-list-type'];
    if (listType === 'set') this.unique(value, (item) => JSON.stringify(item));
    if (listType === 'map') {
      const keys = schema['x-kubernetes-list-map-keys'] ?? [];
      const defaults = keys.map((key) => items?.properties?.[key]?.default);
      this.unique(value, (item) => {
        if (typeof item !== 'object' || item === null) return undefined;
        const entry = item as Record<string, unknown>;
        return JSON.stringify(
          Object.fromEntries(keys.map((key, i) => [key, entry[key] ?? defaults[i] ?? null])),
        );
      });
    }
  }

  private unique(value: unknown[], key: (item: unknown) => string | undefined): void {
    const seen = new Set<string>();
    for (let i = 0; i < value.length; i++) {
      const k = key(value[i]);
      if (k === undefined) continue;
      if (seen.has(k))
        this.report(`${fieldName([...this.path, i])}: Duplicate value: ${k}`, undefined, [
          ...this.path,
          i,
        ]);
      seen.add(k);
    }
  }

  /** allOf/anyOf/oneOf/not only add value validations in a structural schema (no pruning). */
  private combinators(schema: StructuralSchema, value: unknown): void {
    const passes = (sub: StructuralSchema) => {
      const probe = new Walker(false);
      probe.path.push(...this.path);
      probe.visit(sub, value);
      return probe.issues;
    };
    for (const sub of schema.allOf ?? []) for (const issue of passes(sub)) this.issues.push(issue);
    if (schema.anyOf && !schema.anyOf.some((sub) => passes(sub).length === 0))
      this.report(`${this.name} in body must match at least one schema in anyOf`);
    if (schema.oneOf) {
      const matched = schema.oneOf.filter((sub) => passes(sub).length === 0).length;
      if (matched !== 1)
        this.report(
          matched === 0
            ? `${this.name} in body must match exactly one schema in oneOf (matches none)`
            : `${this.name} in body must match exactly one schema in oneOf (matches ${matched})`,
        );
    }
    if (schema.not && passes(schema.not).length === 0)
      this.report(`${this.name} in body must not validate the schema (not)`);
  }
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
