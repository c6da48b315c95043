import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PATTERN_IDS, type PatternId } from './pattern-ids.js';

/**
 * The pattern catalogue: the knowledge base behind `GET /v1/patterns` and the ranking.
 * Pure: reads YAML from a directory given by the caller, so tests can point it at a temp dir.
 */

/** The seven rating criteria, in the order they are shown everywhere. */
export const CRITERIA = [
  'security',
  'latency',
  'throughput',
  'decoupling',
  'simplicity',
  'reliability',
  'portability',
] as const;
export type Criterion = (typeof CRITERIA)[number];

export { PATTERN_IDS, type PatternId };

/** The three patterns the seed article names; first-class everywhere. */
export const CORE_PATTERN_IDS: readonly PatternId[] = [
  'service-clusterip',
  'shared-volume-disk',
  'sidecar-proxy',
];

/** `node`: one agent per node serving every pod there (node-agent), whatever their placement. */
export const SCOPES = ['same-pod', 'cross-pod', 'same-pod-with-service', 'node'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Rating {
  /** 1 (poor) to 5 (best). */
  rating: number;
  justification: string;
}

export interface Reference {
  title: string;
  url: string;
}

export interface Variant {
  id: string;
  summary: string;
}

export interface Pattern {
  id: PatternId;
  name: string;
  core: boolean;
  scope: Scope;
  summary: string;
  kubernetesObjects: string[];
  minKubernetesVersion: string;
  versionNotes: string[];
  ratings: Record<Criterion, Rating>;
  useWhen: string[];
  avoidWhen: string[];
  cautions: string[];
  related: PatternId[];
  references: Reference[];
  variants?: Variant[];
}

/** Patterns sorted by id; frozen after loading. */
export type Catalog = readonly Pattern[];

export class CatalogError extends Error {
  override name = 'CatalogError';
}

/** Where the shipped data lives: next to this module in src/ and in dist/ (nest-cli copies assets). */
export const DEFAULT_DATA_DIR = new URL('./data/', import.meta.url);

const KNOWN_KEYS = new Set([
  'id',
  'name',
  'core',
  'scope',
  'summary',
  'kubernetesObjects',
  'minKubernetesVersion',
  'versionNotes',
  'ratings',
  'useWhen',
  'avoidWhen',
  'cautions',
  'related',
  'references',
  'variants',
]);
const VERSION_RE = /^1\.\d{1,2}$/;

/**
 * Reads every `*.yaml` in `dir`, checks shape and cross-references, and returns the catalogue.
 * Throws a {@link CatalogError} naming the file and the path inside it at the first problem, so a
 * broken data file stops start-up instead of serving half a catalogue.
 */
export function loadCatalog(dir: URL | string = DEFAULT_DATA_DIR): Catalog {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  let files: string[];
  try {
    files = readdirSync(path)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
  } catch (err) {
    throw new CatalogError(`catalog directory ${path} cannot be read: ${(err as Error).message}`);
  }
  const patterns = files.map((file) =>
    parsePatternFile(file, readFileSync(join(path, file), 'utf8')),
  );

  const ids = new Set(patterns.map((p) => p.id));
  for (const id of PATTERN_IDS) {
    if (!ids.has(id))
      throw new CatalogError(
        `catalog directory ${path}: pattern ${id} is missing (expected ${id}.yaml)`,
      );
  }
  for (const p of patterns) {
    p.related.forEach((ref, i) => {
      if (!ids.has(ref)) fail(`${p.id}.yaml`, `related[${i}]`, `names unknown pattern "${ref}"`);
      if (ref === p.id) fail(`${p.id}.yaml`, `related[${i}]`, 'names the pattern itself');
    });
  }
  return Object.freeze(patterns.map((p) => deepFreeze(p)));
}

/** Parses and checks one data file; `file` is only used in messages and to check the id. */
export function parsePatternFile(file: string, text: string): Pattern {
  let doc: unknown;
  try {
    doc = parse(text, { uniqueKeys: true, prettyErrors: true, maxAliasCount: 0 });
  } catch (err) {
    throw new CatalogError(
      `catalog file ${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  const o = obj(file, '', doc);
  for (const key of Object.keys(o))
    if (!KNOWN_KEYS.has(key)) fail(file, key, 'is not a known field');

  const id = str(file, 'id', o.id);
  if (!(PATTERN_IDS as readonly string[]).includes(id))
    fail(file, 'id', `"${id}" is not one of ${PATTERN_IDS.join(', ')}`);
  if (`${id}.yaml` !== file) fail(file, 'id', `"${id}" does not match the file name`);
  if (typeof o.core !== 'boolean') fail(file, 'core', 'must be true or false');
  const scope = str(file, 'scope', o.scope);
  if (!(SCOPES as readonly string[]).includes(scope))
    fail(file, 'scope', `must be one of ${SCOPES.join(', ')}`);
  if ((o.core as boolean) !== CORE_PATTERN_IDS.includes(id as PatternId)) {
    fail(
      file,
      'core',
      `must be ${!o.core} for ${id} (core patterns: ${CORE_PATTERN_IDS.join(', ')})`,
    );
  }
  const minKubernetesVersion = str(file, 'minKubernetesVersion', o.minKubernetesVersion);
  if (!VERSION_RE.test(minKubernetesVersion))
    fail(file, 'minKubernetesVersion', 'must look like "1.29"');

  const ratingsObj = obj(file, 'ratings', o.ratings);
  for (const key of Object.keys(ratingsObj)) {
    if (!(CRITERIA as readonly string[]).includes(key))
      fail(file, `ratings.${key}`, 'is not a criterion');
  }
  const ratings = {} as Record<Criterion, Rating>;
  for (const c of CRITERIA) {
    const r = obj(file, `ratings.${c}`, ratingsObj[c]);
    for (const key of Object.keys(r)) {
      if (key !== 'rating' && key !== 'justification')
        fail(file, `ratings.${c}.${key}`, 'is not a known field');
    }
    if (!Number.isInteger(r.rating) || (r.rating as number) < 1 || (r.rating as number) > 5) {
      fail(file, `ratings.${c}.rating`, 'must be an integer from 1 to 5');
    }
    ratings[c] = {
      rating: r.rating as number,
      justification: str(file, `ratings.${c}.justification`, r.justification),
    };
  }

  const references = list(file, 'references', o.references, 1).map((item, i) => {
    const r = obj(file, `references[${i}]`, item);
    const url = str(file, `references[${i}].url`, r.url);
    if (!/^https:\/\/[^\s]+$/.test(url)) fail(file, `references[${i}].url`, 'must be an https URL');
    return { title: str(file, `references[${i}].title`, r.title), url };
  });
  const variants =
    o.variants === undefined
      ? undefined
      : list(file, 'variants', o.variants, 1).map((item, i) => {
          const v = obj(file, `variants[${i}]`, item);
          return {
            id: str(file, `variants[${i}].id`, v.id),
            summary: str(file, `variants[${i}].summary`, v.summary),
          };
        });

  return {
    id: id as PatternId,
    name: str(file, 'name', o.name),
    core: o.core as boolean,
    scope: scope as Scope,
    summary: str(file, 'summary', o.summary),
    kubernetesObjects: strings(file, 'kubernetesObjects', o.kubernetesObjects, 1),
    minKubernetesVersion,
    versionNotes: strings(file, 'versionNotes', o.versionNotes, 0),
    ratings,
    useWhen: strings(file, 'useWhen', o.useWhen, 1),
    avoidWhen: strings(file, 'avoidWhen', o.avoidWhen, 1),
    cautions: strings(file, 'cautions', o.cautions ?? [], 0),
    related: strings(file, 'related', o.related ?? [], 0) as PatternId[],
    references,
    ...(variants ? { variants } : {}),
  };
}

function fail(file: string, path: string, message: string): never {
  throw new CatalogError(`catalog file ${file}: ${path || '(document)'} ${message}`);
}

function obj(file: string, path: string, v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    fail(file, path, v === undefined ? 'is missing' : 'must be a mapping');
  return v as Record<string, unknown>;
}

function str(file: string, path: string, v: unknown): string {
  if (v === undefined) fail(file, path, 'is missing');
  if (typeof v !== 'string' || v.trim() === '') fail(file, path, 'must be a non-empty string');
  return v.trim();
}

function list(file: string, path: string, v: unknown, min: number): unknown[] {
  if (v === undefined) fail(file, path, 'is missing');
  if (!Array.isArray(v)) fail(file, path, 'must be a list');
  if (v.length < min) fail(file, path, `must have at least ${min} item${min === 1 ? '' : 's'}`);
  return v;
}

function strings(file: string, path: string, v: unknown, min: number): string[] {
  return list(file, path, v, min).map((item, i) => str(file, `${path}[${i}]`, item));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Looks a pattern up by id; undefined for an unknown id. */
export function findPattern(catalog: Catalog, id: string): Pattern | undefined {
  return catalog.find((p) => p.id === id);
}
