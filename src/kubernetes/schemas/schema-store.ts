import { readFileSync } from 'node:fs';
import { KUBERNETES_RELEASES, releaseIndex, type KubernetesRelease } from '../releases.js';
import type {
  AnyNode,
  ObjectNode,
  ReleaseMask,
  ScalarNode,
  ScalarType,
  SchemaNode,
  VendoredSchema,
  VendoredSchemas,
} from './schema-model.js';

const ANY: AnyNode = { type: 'any' };

/**
 * The vendored definitions of one release, compiled on first use into linked nodes (refs
 * resolved, enums as sets) so that validation is a plain walk without lookups by name. Each
 * release compiles only the definitions its manifests reach.
 */
export class ReleaseSchemas {
  private readonly compiled = new Map<string, SchemaNode>();
  private readonly bit: number;

  constructor(
    private readonly data: VendoredSchemas,
    readonly release: KubernetesRelease,
  ) {
    this.bit = 2 ** data.releases.indexOf(release);
  }

  /** The definition name of a kind this release serves under `apiVersion`. */
  private kindDefinition(apiVersion: string, kind: string): string | undefined {
    if (!Object.hasOwn(this.data.kinds, apiVersion)) return undefined;
    const kinds = this.data.kinds[apiVersion];
    if (!Object.hasOwn(kinds, kind)) return undefined;
    return kinds[kind].find(([, mask]) => (mask & this.bit) !== 0)?.[0];
  }

  has(apiVersion: string, kind: string): boolean {
    return this.kindDefinition(apiVersion, kind) !== undefined;
  }

  /** The root node of a kind, or undefined when this release does not serve it. */
  root(apiVersion: string, kind: string): ObjectNode | undefined {
    const name = this.kindDefinition(apiVersion, kind);
    if (name === undefined) return undefined;
    const node = this.definition(name);
    return node.type === 'object' ? node : undefined;
  }

  private variant(name: string): VendoredSchema | undefined {
    const variants = this.data.definitions[name];
    return variants?.find(([mask]) => (mask & this.bit) !== 0)?.[1];
  }

  /** Fields of `name` that only later releases have → the first release that has each. */
  private laterFields(name: string, present: VendoredSchema): Map<string, string> | undefined {
    let later: Map<string, string> | undefined;
    const own = present.properties ?? {};
    for (const [mask, schema] of this.data.definitions[name]) {
      const first = firstReleaseAfter(mask, this.bit);
      if (first === undefined) continue;
      for (const field of Object.keys(schema.properties ?? {})) {
        if (Object.hasOwn(own, field)) continue;
        later ??= new Map();
        const known = later.get(field);
        if (known === undefined || this.data.releases.indexOf(known) > first)
          later.set(field, this.data.releases[first]);
      }
    }
    return later;
  }

  private definition(name: string): SchemaNode {
    const done = this.compiled.get(name);
    if (done) return done;
    const raw = this.variant(name);
    if (!raw) {
      throw new Error(
        `k8s schema: definition ${name} is referenced but not vendored for ${this.release}`,
      );
    }
    if (raw.type === 'object' && raw.properties) {
      // Registered before its fields are compiled, so recursive definitions terminate.
      const node: ObjectNode = {
        type: 'object',
        name: name.slice(name.lastIndexOf('.') + 1),
        properties: new Map(),
        required: raw.required ?? [],
        additional: null,
      };
      const later = this.laterFields(name, raw);
      if (later) node.later = later;
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

/** Index of the lowest release in `mask` that is newer than the release `bit`. */
function firstReleaseAfter(mask: ReleaseMask, bit: number): number | undefined {
  const newer = Math.floor(mask / (bit * 2)) * (bit * 2);
  if (newer === 0) return undefined;
  return Math.log2(newer & -newer);
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

/**
 * Where a group/version/kind stands across all supported releases: the releases that serve it
 * (a bitmask over KUBERNETES_RELEASES), for the lifecycle rules.
 */
export class KubernetesSchemas {
  private readonly perRelease = new Map<KubernetesRelease, ReleaseSchemas>();
  private readonly kindsByGroup = new Map<string, Map<string, ReleaseMask>>();

  constructor(readonly data: VendoredSchemas) {
    if (data.releases.join() !== KUBERNETES_RELEASES.join()) {
      throw new Error(
        `k8s-schemas.json holds releases ${data.releases.join(', ')}, podwire supports ${KUBERNETES_RELEASES.join(', ')}: run vendor-schemas.mjs`,
      );
    }
    for (const [apiVersion, kinds] of Object.entries(data.kinds)) {
      const group = groupOf(apiVersion);
      const map = this.kindsByGroup.get(group) ?? new Map<string, ReleaseMask>();
      for (const [kind, entries] of Object.entries(kinds))
        map.set(kind, (map.get(kind) ?? 0) | entries.reduce((m, [, mask]) => m | mask, 0));
      this.kindsByGroup.set(group, map);
    }
  }

  release(release: KubernetesRelease): ReleaseSchemas {
    let schemas = this.perRelease.get(release);
    if (!schemas) {
      schemas = new ReleaseSchemas(this.data, release);
      this.perRelease.set(release, schemas);
    }
    return schemas;
  }

  /** Releases (mask) that serve `kind` as `apiVersion`; 0 when none does. */
  servedMask(apiVersion: string, kind: string): ReleaseMask {
    if (!Object.hasOwn(this.data.kinds, apiVersion)) return 0;
    const kinds = this.data.kinds[apiVersion];
    if (!Object.hasOwn(kinds, kind)) return 0;
    return kinds[kind].reduce((m, [, mask]) => m | mask, 0);
  }

  /** True when any supported release serves some kind in this API group ("" is core). */
  isBuiltInGroup(group: string): boolean {
    return this.kindsByGroup.has(group);
  }

  /** The kinds of a built-in group, with the releases serving each. */
  kindsOf(group: string): ReadonlyMap<string, ReleaseMask> {
    return this.kindsByGroup.get(group) ?? new Map();
  }

  /** apiVersions that serve `kind` at `release`. */
  apiVersionsOf(kind: string, release: KubernetesRelease): string[] {
    const bit = 2 ** releaseIndex(release);
    return Object.keys(this.data.kinds).filter(
      (apiVersion) => (this.servedMask(apiVersion, kind) & bit) !== 0,
    );
  }
}

/** `apps/v1` → `apps`; `v1` → `` (core). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export const VENDORED_SCHEMAS_URL = new URL('./k8s-schemas.json', import.meta.url);

let store: KubernetesSchemas | undefined;

/** The vendored schemas of every supported release; the file is read on first use only. */
export function kubernetesSchemas(): KubernetesSchemas {
  store ??= new KubernetesSchemas(
    JSON.parse(readFileSync(VENDORED_SCHEMAS_URL, 'utf8')) as VendoredSchemas,
  );
  return store;
}
