import { readFileSync } from 'node:fs';
import type {
  AnyNode,
  ObjectNode,
  ScalarNode,
  ScalarType,
  SchemaNode,
  VendoredSchema,
  VendoredSchemas,
} from './schema-model.js';

const ANY: AnyNode = { type: 'any' };

/**
 * The vendored Kubernetes 1.34 definitions, compiled on first use into linked nodes (refs resolved,
 * enums as sets) so that validation is a plain walk without lookups by name.
 */
export class SchemaStore {
  private readonly compiled = new Map<string, SchemaNode>();
  private readonly byKind = new Map<string, string[]>();

  constructor(private readonly data: VendoredSchemas) {
    for (const [apiVersion, kinds] of Object.entries(data.kinds)) {
      for (const kind of Object.keys(kinds)) {
        const list = this.byKind.get(kind) ?? [];
        list.push(apiVersion);
        this.byKind.set(kind, list);
      }
    }
  }

  get source(): string {
    return this.data.source;
  }

  has(apiVersion: string, kind: string): boolean {
    return (
      Object.hasOwn(this.data.kinds, apiVersion) && Object.hasOwn(this.data.kinds[apiVersion], kind)
    );
  }

  apiVersionsOf(kind: string): readonly string[] {
    return this.byKind.get(kind) ?? [];
  }

  /** The root node of a kind, or undefined when podwire has no schema for it. */
  root(apiVersion: string, kind: string): ObjectNode | undefined {
    if (!this.has(apiVersion, kind)) return undefined;
    const node = this.definition(this.data.kinds[apiVersion][kind]);
    return node.type === 'object' ? node : undefined;
  }

  private definition(name: string): SchemaNode {
    const done = this.compiled.get(name);
    if (done) return done;
    const raw = this.data.definitions[name];
    if (!raw) throw new Error(`k8s schema: definition ${name} is referenced but not vendored`);
    if (raw.type === 'object' && raw.properties) {
      // Registered before its fields are compiled, so recursive definitions terminate.
      const node: ObjectNode = {
        type: 'object',
        name: name.slice(name.lastIndexOf('.') + 1),
        properties: new Map(),
        required: raw.required ?? [],
        additional: null,
      };
      this.compiled.set(name, node);
      this.fillObject(node, raw);
      return node;
    }
    const node = this.compile(raw, name.slice(name.lastIndexOf('.') + 1));
    this.compiled.set(name, node);
    return node;
  }

  private compile(raw: VendoredSchema, name = ''): SchemaNode {
    if (raw.$ref) {
      const target = this.definition(raw.$ref);
      const constrained = raw.enum !== undefined || raw.minimum !== undefined;
      return constrained &&
        target.type !== 'object' &&
        target.type !== 'array' &&
        target.type !== 'any'
        ? withConstraints({ ...target }, raw)
        : target;
    }
    switch (raw.type) {
      case 'object': {
        const node: ObjectNode = {
          type: 'object',
          name,
          properties: raw.properties ? new Map() : null,
          required: raw.required ?? [],
          additional: null,
        };
        this.fillObject(node, raw);
        return node;
      }
      case 'array':
        return { type: 'array', items: raw.items ? this.compile(raw.items) : ANY };
      case 'string':
        return withConstraints({ type: stringType(raw.format) }, raw);
      case 'integer':
        return withConstraints({ type: 'integer', int32: raw.format === 'int32' }, raw);
      case 'number':
      case 'boolean':
        return { type: raw.type };
      default:
        return ANY;
    }
  }

  private fillObject(node: ObjectNode, raw: VendoredSchema): void {
    if (raw['x-kubernetes-preserve-unknown-fields']) {
      node.properties = null;
      return;
    }
    if (raw.properties && node.properties) {
      for (const [key, sub] of Object.entries(raw.properties))
        node.properties.set(key, this.compile(sub));
    }
    if (typeof raw.additionalProperties === 'object') {
      node.additional = this.compile(raw.additionalProperties);
    }
  }
}

function stringType(format: string | undefined): ScalarType {
  switch (format) {
    case 'int-or-string':
    case 'quantity':
    case 'date-time':
    case 'byte':
      return format;
    default:
      return 'string';
  }
}

function withConstraints(node: ScalarNode, raw: VendoredSchema): ScalarNode {
  if (raw.enum) {
    node.enum = raw.enum;
    node.enumSet = new Set(raw.enum);
  }
  if (raw.minimum !== undefined) node.minimum = raw.minimum;
  if (raw.maximum !== undefined) node.maximum = raw.maximum;
  return node;
}

let store: SchemaStore | undefined;

/** The store for the vendored 1.34 spec; the 100 KB file is read on first use only. */
export function k8sSchemas(): SchemaStore {
  store ??= new SchemaStore(
    JSON.parse(
      readFileSync(new URL('./k8s-1.34.schemas.json', import.meta.url), 'utf8'),
    ) as VendoredSchemas,
  );
  return store;
}
