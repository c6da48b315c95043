import { closest } from '../../../kubernetes/lifecycle/closest.js';
import type {
  ArrayNode,
  ObjectNode,
  ScalarNode,
  SchemaNode,
} from '../../../kubernetes/schemas/schema-model.js';
import { closeMatch } from '../fix/did-you-mean.js';
import { isBase64, isDateTime, isQuantity } from './formats.js';

export type SchemaRuleId =
  | 'schema/unknown-field'
  | 'schema/invalid-type'
  | 'schema/missing-required'
  | 'schema/invalid-value'
  | 'api/not-yet-available';

/** One schema violation; `path` is relative to the object's own JSON (not to its document). */
export interface SchemaIssue {
  ruleId: SchemaRuleId;
  path: (string | number)[];
  message: string;
  /** Set when the finding is about the key itself (an unknown field). */
  at?: 'key';
  /** A correction that keeps what the author meant (DESIGN §11), when exactly one fits. */
  fix?: SchemaFix;
}

/**
 * The value to write instead (`"3"` → 3 for an integer, `tcp` → `TCP` for an enum), or `quote`:
 * the scalar's own text as a string (`version: 1.0` → `"1.0"`; the parsed number has lost it).
 */
export type SchemaFix =
  | { value: string | number | boolean }
  | { quote: true }
  /**
   * An unknown field's one near miss (`closeMatch` over the fields the schema defines there) that
   * the mapping lacks and whose schema its value satisfies: the key renamed to it.
   */
  | { rename: string };

const INTEGER_TEXT = /^-?(0|[1-9]\d{0,15})$/;
const NUMBER_TEXT = /^-?(0|[1-9]\d{0,15})(\.\d{1,15})?$/;

/**
 * Findings per object. Beyond this a manifest is not a typo but garbage, and every finding costs
 * the engine a source-map lookup, so a 100,000-key mapping must not become 100,000 findings.
 */
export const MAX_ISSUES = 100;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Walks `value` against `root` like `kubectl --validate=strict`: unknown fields, wrong JSON types,
 * missing required fields and values outside the allowed set. Null is accepted for optional fields
 * (the API server decodes it as "unset", and kubeconform's schemas allow it too).
 */
export function validateObject(root: ObjectNode, value: unknown, release: string): SchemaIssue[] {
  const walker = new Walker(release);
  walker.visit(root, value);
  const { issues, dropped, firstDropped } = walker;
  if (firstDropped) {
    issues.push({
      ruleId: firstDropped,
      path: [],
      message: `${dropped} more schema problems in this object are not listed (podwire lists the first ${MAX_ISSUES} per object)`,
    });
  }
  return issues;
}

class Walker {
  readonly issues: SchemaIssue[] = [];
  dropped = 0;
  firstDropped: SchemaRuleId | undefined;
  private readonly path: (string | number)[] = [];

  constructor(private readonly release: string) {}

  /** False once MAX_ISSUES are collected; the rest are only counted. */
  private room(ruleId: SchemaRuleId): boolean {
    if (this.issues.length < MAX_ISSUES) return true;
    this.dropped += 1;
    this.firstDropped ??= ruleId;
    return false;
  }

  visit(node: SchemaNode, value: unknown): void {
    switch (node.type) {
      case 'object':
        return this.object(node, value);
      case 'array':
        return this.array(node, value);
      case 'any':
        return;
      default:
        return this.scalar(node, value);
    }
  }

  private object(node: ObjectNode, value: unknown): void {
    if (!isPlainObject(value)) {
      this.typeError(node.properties ? 'an object' : 'a map', value);
      return;
    }
    const { properties, additional } = node;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const child = value[key];
      const sub = properties ? properties.get(key) : additional;
      if (sub === undefined) {
        if (properties) this.unknownField(node, key, value);
        continue;
      }
      if (sub === null || child === null) continue;
      this.path.push(key);
      this.visit(sub, child);
      this.path.pop();
    }
    const required = node.required;
    for (let i = 0; i < required.length; i++) {
      const key = required[i];
      const child = value[key];
      if (!Object.hasOwn(value, key) || child === null || child === undefined) {
        this.missing(node, key, child === null);
      }
    }
  }

  private array(node: ArrayNode, value: unknown): void {
    if (!Array.isArray(value)) {
      this.typeError('an array', value);
      return;
    }
    const items = node.items;
    const structured = items.type === 'object' || items.type === 'array';
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (child === null && !structured) continue;
      this.path.push(i);
      this.visit(items, child);
      this.path.pop();
    }
  }

  private scalar(node: ScalarNode, value: unknown): void {
    switch (node.type) {
      case 'string':
        if (typeof value !== 'string') {
          // Quoted, the text a number or boolean came from is the string; an enum may not have it.
          const quote = (typeof value === 'number' || typeof value === 'boolean') && !node.enumSet;
          return this.typeError('a string', value, quote ? { quote: true } : undefined);
        }
        if (node.enumSet && !node.enumSet.has(value)) this.notInEnum(node, value);
        return;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value))
          return this.typeError('an integer', value, this.integerFix(node, value));
        if (node.int32 && (value < INT32_MIN || value > INT32_MAX)) {
          return this.invalid(
            `must be a 32-bit integer (${INT32_MIN} to ${INT32_MAX}), got ${value}`,
          );
        }
        return this.range(node, value);
      case 'int-or-string':
        if (typeof value === 'string') return;
        if (typeof value !== 'number' || !Number.isInteger(value)) {
          return this.typeError('an integer or a string', value);
        }
        if (value < INT32_MIN || value > INT32_MAX) {
          return this.invalid(`must be a 32-bit integer or a string, got ${value}`);
        }
        return this.range(node, value);
      case 'quantity':
        if (typeof value === 'number') {
          if (!Number.isFinite(value)) this.invalid(`must be a quantity, got ${value}`);
          return;
        }
        if (typeof value !== 'string')
          return this.typeError('a quantity (a string such as "128Mi" or a number)', value);
        if (!isQuantity(value)) {
          this.invalid(
            `must be a quantity such as "128Mi", "1.5Gi", "0.5", "100m" or "1e3" ` +
              `(binary suffixes Ki, Mi, Gi, Ti, Pi, Ei; decimal m, k, M, G, T, P, E), got ${show(value)}`,
          );
        }
        return;
      case 'date-time':
        if (value instanceof Date) return;
        if (typeof value !== 'string') return this.typeError('an RFC 3339 date-time string', value);
        if (!isDateTime(value)) {
          this.invalid(
            `must be an RFC 3339 date-time such as "2025-01-31T12:00:00Z", got ${show(value)}`,
          );
        }
        return;
      case 'byte':
        if (typeof value !== 'string') return this.typeError('a base64 string', value);
        if (!isBase64(value)) {
          this.invalid(
            `must be base64-encoded (put plain text under stringData instead), got ${show(value)}`,
          );
        }
        return;
      case 'number':
        if (typeof value !== 'number') {
          const fix =
            typeof value === 'string' && NUMBER_TEXT.test(value)
              ? { value: Number(value) }
              : undefined;
          this.typeError('a number', value, fix);
        }
        return;
      case 'boolean':
        if (typeof value !== 'boolean') {
          const fix =
            value === 'true' || value === 'false' ? { value: value === 'true' } : undefined;
          this.typeError('a boolean (true or false)', value, fix);
        }
        return;
    }
  }

  /** `"3"` → 3, only when 3 is then valid: the fix must not trade one error for another. */
  private integerFix(node: ScalarNode, value: unknown): SchemaFix | undefined {
    if (typeof value !== 'string' || !INTEGER_TEXT.test(value)) return undefined;
    const n = Number(value);
    if (!Number.isSafeInteger(n) || (node.int32 && (n < INT32_MIN || n > INT32_MAX)))
      return undefined;
    return outOfRange(node, n) ? undefined : { value: n };
  }

  private range(node: ScalarNode, value: number): void {
    if (outOfRange(node, value)) {
      this.invalid(
        `must be between ${node.minimum ?? '-∞'} and ${node.maximum ?? '∞'}, got ${value}`,
      );
    }
  }

  private notInEnum(node: ScalarNode, value: string): void {
    const allowed = (node.enum ?? []).map((v) => JSON.stringify(v)).join(', ');
    // Enums are case-sensitive: `tcp` → `TCP`, `Nodeport` → `NodePort`, when one value is close.
    const match = closeMatch(value, node.enum ?? []);
    this.invalid(
      `must be one of ${allowed}; got ${show(value)}`,
      match === undefined ? undefined : { value: match },
    );
  }

  private typeError(expected: string, value: unknown, fix?: SchemaFix): void {
    if (!this.room('schema/invalid-type')) return;
    this.issues.push({
      ruleId: 'schema/invalid-type',
      path: this.path.slice(),
      message: `${fieldName(this.path)} must be ${expected}, got ${describe(value)}`,
      ...(fix ? { fix } : {}),
    });
  }

  private invalid(text: string, fix?: SchemaFix): void {
    if (!this.room('schema/invalid-value')) return;
    this.issues.push({
      ruleId: 'schema/invalid-value',
      path: this.path.slice(),
      message: `${fieldName(this.path)} ${text}`,
      ...(fix ? { fix } : {}),
    });
  }

  private unknownField(node: ObjectNode, key: string, mapping: Record<string, unknown>): void {
    const addedIn = node.later?.get(key);
    if (addedIn !== undefined) return this.notYetAvailable(node, key, addedIn);
    if (!this.room('schema/unknown-field')) return;
    const where = this.path.length ? ` in ${fieldName(this.path)}` : '';
    const type = node.name ? ` (${node.name})` : '';
    const rename = this.renameFor(node, key, mapping);
    // The message suggests what the fix would write, when there is one.
    const guess = rename ?? closest(key, node.properties ? [...node.properties.keys()] : []);
    this.issues.push({
      ruleId: 'schema/unknown-field',
      path: [...this.path, key],
      message:
        `unknown field ${JSON.stringify(key)}${where}${type}` +
        (guess ? `; did you mean ${JSON.stringify(guess)}?` : ''),
      at: 'key',
      ...(rename === undefined ? {} : { fix: { rename } }),
    });
  }

  /**
   * The field a misspelt key surely meant, or undefined: exactly one field of the schema fits
   * (`closeMatch`: case, or one or two edits), the mapping does not have it yet (a rename would
   * make a duplicate), and the value is valid there, so the rename adds no schema error.
   */
  private renameFor(
    node: ObjectNode,
    key: string,
    mapping: Record<string, unknown>,
  ): string | undefined {
    if (!node.properties) return undefined;
    const field = closeMatch(key, node.properties.keys());
    if (field === undefined || Object.hasOwn(mapping, field)) return undefined;
    const sub = node.properties.get(field);
    const value = mapping[key];
    if (sub === undefined) return undefined;
    if (sub !== null && value !== null) {
      const probe = new Walker(this.release);
      probe.visit(sub, value);
      if (probe.issues.length > 0 || probe.dropped > 0) return undefined;
    }
    return field;
  }

  /** A field a later release adds (computed from the specs: the first release that has it). */
  private notYetAvailable(node: ObjectNode, key: string, addedIn: string): void {
    if (!this.room('api/not-yet-available')) return;
    const type = node.name ? ` (${node.name})` : '';
    this.issues.push({
      ruleId: 'api/not-yet-available',
      path: [...this.path, key],
      message: `${fieldName([...this.path, key])}${type} is not available in Kubernetes ${this.release}: it was added in ${addedIn}`,
      at: 'key',
    });
  }

  /**
   * The path names the missing field itself; the engine then points at the key of its deepest
   * existing ancestor (`spec:` for a missing spec.selector, the first key of a list entry).
   */
  private missing(node: ObjectNode, key: string, isNull: boolean): void {
    if (!this.room('schema/missing-required')) return;
    const type = node.name ? ` (${node.name})` : '';
    this.issues.push({
      ruleId: 'schema/missing-required',
      path: [...this.path, key],
      message: `${fieldName([...this.path, key])} is required${type}${isNull ? ' but is null' : ''}`,
    });
  }
}

function outOfRange(node: ScalarNode, value: number): boolean {
  return (
    (node.minimum !== undefined && value < node.minimum) ||
    (node.maximum !== undefined && value > node.maximum)
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/** `spec.template.spec.containers[0].image`, the way kubectl names fields. */
export function fieldName(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'the object';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

function show(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a timestamp';
  switch (typeof value) {
    case 'string':
      return `the string ${show(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `the boolean ${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
