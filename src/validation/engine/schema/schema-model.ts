/** The shape of one definition in k8s-1.34.schemas.json (see vendor-schemas.mjs). */
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

export interface VendoredSchemas {
  source: string;
  /** apiVersion → kind → definition name. */
  kinds: Record<string, Record<string, string>>;
  definitions: Record<string, VendoredSchema>;
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
