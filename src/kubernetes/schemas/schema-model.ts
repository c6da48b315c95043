/** The shape of one definition in k8s-schemas.json (see vendor-schemas.mjs). */
export interface VendoredSchema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  required?: string[];
  properties?: Record<string, VendoredSchema>;
  items?: VendoredSchema;
  additionalProperties?: VendoredSchema | boolean;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

/**
 * A bitmask over `releases`: bit i set means "in releases[i]". Each definition is stored once per
 * distinct content, with the mask of the releases whose spec has that content.
 */
export type ReleaseMask = number;

export interface VendoredSchemas {
  source: string;
  /** "1.28" … "1.36", oldest first. */
  releases: string[];
  specs: { release: string; patch: string; file: string; sha256: string }[];
  /** apiVersion → kind → [definition name, releases that serve the kind under it]. */
  kinds: Record<string, Record<string, [string, ReleaseMask][]>>;
  /** definition name → its variants. */
  definitions: Record<string, [ReleaseMask, VendoredSchema][]>;
}

export interface ObjectNode {
  readonly type: 'object';
  /** Short definition name for messages ("Container"); empty for inline objects such as maps. */
  name: string;
  /** Declared fields; null when the object takes any keys (maps, RawExtension, preserve-unknown). */
  properties: Map<string, SchemaNode> | null;
  required: readonly string[];
  /** Schema of the values of a map (labels: map of string). */
  additional: SchemaNode | null;
  /** Fields a later release adds to this definition → the first release that has each. */
  later?: ReadonlyMap<string, string>;
}

export interface ArrayNode {
  readonly type: 'array';
  items: SchemaNode;
}

export type ScalarType =
  'string' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'quantity' | 'date-time' | 'byte';

export interface ScalarNode {
  readonly type: ScalarType;
  /** int32 bounds apply (the API server rejects larger numbers when decoding). */
  int32?: boolean;
  enum?: readonly string[];
  enumSet?: ReadonlySet<string>;
  minimum?: number;
  maximum?: number;
}

/** Any JSON value (fields the spec leaves untyped). */
export interface AnyNode {
  readonly type: 'any';
}

export type SchemaNode = ObjectNode | ArrayNode | ScalarNode | AnyNode;
