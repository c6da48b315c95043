import {
  DEFAULT_KUBERNETES_RELEASE,
  KUBERNETES_RELEASES,
  KUBERNETES_VERSION_MESSAGE,
  parseKubernetesVersion,
} from '../../kubernetes/releases.js';
import { CRITERIA, type Criterion } from '../../catalog/catalog.js';
import { BadRequestError, type FieldError } from '../../common/errors.js';
import type { CallerInput } from '../../rendering/renderers/types.js';

/**
 * The requirement profile of DESIGN §3: allowed values, defaults, and the conversion of flat
 * dotted pairs (query strings, chat commands) into the nested object. Pure.
 */

export const PLACEMENTS = ['same-pod', 'separate-pods', 'either'] as const;
/** `telemetry`: logs and metrics every Pod emits, collected for a backend (node-agent). */
export const INTERACTIONS = [
  'request-response',
  'streaming',
  'file-exchange',
  'events',
  'telemetry',
] as const;
export const SECURITY_LEVELS = ['baseline', 'restricted', 'zero-trust'] as const;
export const DATA_VOLUMES = ['small', 'medium', 'large', 'bulk'] as const;
export const LATENCY_LEVELS = ['relaxed', 'standard', 'low', 'critical'] as const;
export const DURABILITIES = ['none', 'pod-lifetime', 'persistent'] as const;
export const WORKLOADS = ['service', 'job', 'stateful'] as const;
export const MESHES = ['none', 'istio', 'istio-ambient', 'linkerd'] as const;

/**
 * The releases podwire advises for are the service's one list (src/kubernetes/releases.ts): a
 * profile naming another one is rejected (400) rather than silently answered.
 */
export const DEFAULT_KUBERNETES_VERSION = DEFAULT_KUBERNETES_RELEASE;

/** Every pattern of the catalogue can be listed. */
export const MAX_LIMIT = 12;
export const DEFAULT_LIMIT = 3;
/** Explicit weights are relative; anything in [0, 100] is accepted and normalised. */
export const MAX_WEIGHT = 100;

export type Placement = (typeof PLACEMENTS)[number];
export type Interaction = (typeof INTERACTIONS)[number];
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];
export type DataVolume = (typeof DATA_VOLUMES)[number];
export type LatencyLevel = (typeof LATENCY_LEVELS)[number];
export type Durability = (typeof DURABILITIES)[number];
export type Workload = (typeof WORKLOADS)[number];
export type Mesh = (typeof MESHES)[number];

export interface Capabilities {
  mesh: Mesh;
  rwxStorage: boolean;
  broker: boolean;
  windowsNodes: boolean;
}

/** A profile with every default filled in (the `profile` of a recommendation response). */
export interface Profile {
  placement: Placement;
  interaction: Interaction;
  security: SecurityLevel;
  encryptionInTransit: boolean;
  dataVolume: DataVolume;
  latency: LatencyLevel;
  durability: Durability;
  workload: Workload;
  kubernetesVersion: string;
  capabilities: Capabilities;
  /** Only the weights the caller set explicitly; the effective ones are in the response. */
  weights: Partial<Record<Criterion, number>>;
  limit: number;
  /** The workload's name in the render body (default "app"); given only when the caller set it. */
  name?: string;
  /** The namespace the render body targets; given only when the caller set it. */
  namespace?: string;
  /** Who may call the workload (as render's `options.callers`); given only when set. */
  callers?: CallerInput[];
}

/** What a caller sends: every field optional. */
export type ProfileInput = Partial<Omit<Profile, 'capabilities' | 'weights'>> & {
  capabilities?: Partial<Capabilities>;
  weights?: Partial<Record<Criterion, number>>;
};

export const PROFILE_DEFAULTS: Readonly<Profile> = Object.freeze({
  placement: 'either',
  interaction: 'request-response',
  security: 'baseline',
  encryptionInTransit: false,
  dataVolume: 'small',
  latency: 'standard',
  durability: 'none',
  workload: 'service',
  kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
  capabilities: Object.freeze({
    mesh: 'none',
    rwxStorage: false,
    broker: false,
    windowsNodes: false,
  }),
  weights: Object.freeze({}),
  limit: DEFAULT_LIMIT,
}) as Readonly<Profile>;

export type FieldKind = 'enum' | 'boolean' | 'version' | 'weight' | 'integer';

/** One profile field as a flat dotted name, for query strings, chat commands and help texts. */
export interface ProfileField {
  name: string;
  kind: FieldKind;
  /** Allowed values for enums and booleans; a description of the range otherwise. */
  allowed: readonly string[];
  default: string;
  description: string;
}

const bool = ['true', 'false'] as const;

/** Every accepted field, in the order of DESIGN §3. */
export const PROFILE_FIELDS: readonly ProfileField[] = Object.freeze([
  {
    name: 'placement',
    kind: 'enum',
    allowed: PLACEMENTS,
    default: 'either',
    description: 'where the two parties run',
  },
  {
    name: 'interaction',
    kind: 'enum',
    allowed: INTERACTIONS,
    default: 'request-response',
    description: 'how they talk',
  },
  {
    name: 'security',
    kind: 'enum',
    allowed: SECURITY_LEVELS,
    default: 'baseline',
    description: 'security posture',
  },
  {
    name: 'encryptionInTransit',
    kind: 'boolean',
    allowed: bool,
    default: 'false',
    description: 'traffic between Pods must be encrypted',
  },
  {
    name: 'dataVolume',
    kind: 'enum',
    allowed: DATA_VOLUMES,
    default: 'small',
    description: 'size of what is exchanged',
  },
  {
    name: 'latency',
    kind: 'enum',
    allowed: LATENCY_LEVELS,
    default: 'standard',
    description: 'latency requirement',
  },
  {
    name: 'durability',
    kind: 'enum',
    allowed: DURABILITIES,
    default: 'none',
    description: 'how long exchanged data must live',
  },
  {
    name: 'workload',
    kind: 'enum',
    allowed: WORKLOADS,
    default: 'service',
    description: 'kind of workload',
  },
  {
    name: 'kubernetesVersion',
    kind: 'version',
    allowed: KUBERNETES_RELEASES,
    default: DEFAULT_KUBERNETES_VERSION,
    description: 'cluster minor version',
  },
  {
    name: 'capabilities.mesh',
    kind: 'enum',
    allowed: MESHES,
    default: 'none',
    description: 'service mesh installed in the cluster',
  },
  {
    name: 'capabilities.rwxStorage',
    kind: 'boolean',
    allowed: bool,
    default: 'false',
    description: 'a ReadWriteMany StorageClass exists',
  },
  {
    name: 'capabilities.broker',
    kind: 'boolean',
    allowed: bool,
    default: 'false',
    description: 'a message broker is available',
  },
  {
    name: 'capabilities.windowsNodes',
    kind: 'boolean',
    allowed: bool,
    default: 'false',
    description: 'the workload runs on Windows nodes',
  },
  ...CRITERIA.map((c): ProfileField => ({
    name: `weights.${c}`,
    kind: 'weight',
    allowed: ['0', '…', String(MAX_WEIGHT)],
    default: 'from the profile',
    description: `relative weight of ${c}`,
  })),
  {
    name: 'limit',
    kind: 'integer',
    allowed: ['1', '…', String(MAX_LIMIT)],
    default: String(DEFAULT_LIMIT),
    description: 'how many options to return',
  },
] satisfies ProfileField[]);

export type { FieldError };

const NUMBER_RE = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Turns flat dotted pairs (`capabilities.mesh=linkerd`, `weights.security=0.5`) into the nested
 * profile input. Strings are converted where the field's kind says so ("true" → true, "0.5" → 0.5);
 * values that do not convert are kept as given, and unknown keys are nested like any other, so the
 * validation that follows reports them exactly as it would for a JSON body. Only what cannot be
 * expressed as a body is reported here: a key given twice, or a key that is both a value and a
 * parent (`weights=1&weights.security=2`).
 */
export function unflattenProfile(
  pairs: Record<string, unknown> | Iterable<readonly [string, unknown]>,
): {
  input: Record<string, unknown>;
  errors: FieldError[];
} {
  const entries =
    Symbol.iterator in Object(pairs)
      ? [...(pairs as Iterable<readonly [string, unknown]>)]
      : Object.entries(pairs);
  const input: Record<string, unknown> = Object.create(null);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const [key, raw] of entries) {
    if (seen.has(key) || Array.isArray(raw)) {
      if (!errors.some((e) => e.field === key))
        errors.push({ field: key, message: `${key} must be given only once` });
      seen.add(key);
      continue;
    }
    seen.add(key);
    const field = profileField(key);
    const value = field ? convert(field, raw) : raw;
    const parts = key.split('.');
    let node = input;
    let ok = true;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (next === undefined) node = node[part] = Object.create(null) as Record<string, unknown>;
      else if (next !== null && typeof next === 'object') node = next as Record<string, unknown>;
      else {
        ok = false;
        break;
      }
    }
    const last = parts[parts.length - 1];
    if (!ok || (node[last] !== undefined && typeof node[last] === 'object')) {
      errors.push({
        field: key,
        message: `${key} conflicts with another parameter of the same name`,
      });
      continue;
    }
    node[last] = value;
  }
  return { input: toPlain(input) as Record<string, unknown>, errors };
}

// Object.create(null) keeps "__proto__" keys inert while building; callers get ordinary objects.
function toPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    Object.defineProperty(out, k, {
      value: toPlain(v),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

function convert(field: ProfileField, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const v = raw.trim();
  if (field.kind === 'boolean') return v === 'true' ? true : v === 'false' ? false : raw;
  if ((field.kind === 'weight' || field.kind === 'integer') && NUMBER_RE.test(v)) return Number(v);
  return raw;
}

/**
 * Checks a nested profile input against the same rules as the request DTO (both derive from the
 * constants above). The HTTP layer validates with class-validator first; this guards callers that
 * reach {@link normaliseProfile} directly (chatops, tests).
 */
export function checkProfile(input: unknown): FieldError[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return [{ field: '(body)', message: 'the profile must be a JSON object' }];
  const errors: FieldError[] = [];
  const top = input as Record<string, unknown>;
  const nested = new Set(['capabilities', 'weights']);
  for (const [key, value] of Object.entries(top)) {
    if (Object.hasOwn(TARGET_CHECKS, key)) {
      if (value === undefined || value === null) continue;
      errors.push(...TARGET_CHECKS[key](value));
    } else if (nested.has(key)) {
      // null means "not given", as for every optional field (class-validator's IsOptional agrees).
      if (value === undefined || value === null) continue;
      if (typeof value !== 'object' || Array.isArray(value)) {
        errors.push({ field: key, message: `${key} must be an object` });
        continue;
      }
      for (const [sub, subValue] of Object.entries(value))
        errors.push(...checkField(`${key}.${sub}`, subValue));
    } else {
      errors.push(...checkField(key, value));
    }
  }
  return errors;
}

/** The render body's name: a DNS-1035 label of at most 40 characters, as render requires. */
export const PROFILE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const PROFILE_NAME_MESSAGE =
  'name must be a DNS-1123 label starting with a letter, at most 40 characters (the render body uses it)';
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const PROFILE_NAMESPACE_MESSAGE = 'namespace must be a DNS-1123 label (a namespace name)';
const CALLER_KEYS = new Set(['namespace', 'podLabels', 'serviceAccount']);

/**
 * Where the advice is rendered to (name, namespace) and who calls it: not part of the ranking, and
 * not flat dotted fields (callers is a list), so checked here rather than through PROFILE_FIELDS.
 * The HTTP layer checks callers entries fully with render's CallerDto first.
 */
const TARGET_CHECKS: Record<string, (value: unknown) => FieldError[]> = {
  name: (v) =>
    typeof v === 'string' && v.length <= 40 && PROFILE_NAME.test(v)
      ? []
      : [{ field: 'name', message: PROFILE_NAME_MESSAGE }],
  namespace: (v) =>
    typeof v === 'string' && v.length <= 63 && DNS_LABEL.test(v)
      ? []
      : [{ field: 'namespace', message: PROFILE_NAMESPACE_MESSAGE }],
  callers: (v) => {
    if (!Array.isArray(v) || v.length > 32)
      return [{ field: 'callers', message: 'callers must be an array of at most 32 entries' }];
    return v.flatMap((c, i): FieldError[] => {
      const field = `callers.${i}`;
      if (c === null || typeof c !== 'object' || Array.isArray(c))
        return [{ field, message: `${field} must be an object` }];
      const keys = Object.keys(c).filter((k) => (c as Record<string, unknown>)[k] != null);
      if (keys.length === 0)
        return [
          { field, message: `${field} must name a namespace, podLabels or a serviceAccount` },
        ];
      return keys
        .filter((k) => !CALLER_KEYS.has(k))
        .map((k) => ({ field: `${field}.${k}`, message: 'unknown field' }));
    });
  },
};

function checkField(name: string, value: unknown): FieldError[] {
  const field = PROFILE_FIELDS.find((f) => f.name === name);
  if (!field) return [{ field: name, message: 'unknown field' }];
  if (value === undefined || value === null) return [];
  return isValidFieldValue(field, value) ? [] : [{ field: name, message: fieldMessage(field) }];
}

/** Whether `value` is allowed for `field` (the one rule per field that the DTO also applies). */
export function isValidFieldValue(field: ProfileField, value: unknown): boolean {
  switch (field.kind) {
    case 'enum':
      return typeof value === 'string' && field.allowed.includes(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'version':
      return parseKubernetesVersion(value) !== undefined;
    case 'weight':
      return (
        typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_WEIGHT
      );
    case 'integer':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_LIMIT;
  }
}

/** The field named `name` (flat dotted form). */
export function profileField(name: string): ProfileField | undefined {
  return PROFILE_FIELDS.find((f) => f.name === name);
}

/** The message for a bad value of `field`, listing what is allowed. */
export function fieldMessage(field: ProfileField): string {
  switch (field.kind) {
    case 'enum':
      return `${field.name} must be one of the following values: ${field.allowed.join(', ')}`;
    case 'boolean':
      return `${field.name} must be a boolean value`;
    case 'version':
      return KUBERNETES_VERSION_MESSAGE;
    case 'weight':
      return `${field.name} must be a number from 0 to ${MAX_WEIGHT}`;
    case 'integer':
      return `${field.name} must be an integer from 1 to ${MAX_LIMIT}`;
  }
}

/** A profile that breaks the rules; a 400 problem when it reaches HTTP, a field list for chat. */
export class ProfileError extends BadRequestError {
  constructor(errors: FieldError[]) {
    super(`Invalid request: ${[...new Set(errors.map((e) => e.field))].join(', ')}.`, errors);
  }
}

/** Fills defaults. Throws {@link ProfileError} when the input breaks the rules of {@link checkProfile}. */
export function normaliseProfile(input: ProfileInput = {}): Profile {
  const errors = checkProfile(input);
  if (errors.length > 0) throw new ProfileError(errors);
  const weights: Partial<Record<Criterion, number>> = {};
  for (const c of CRITERIA) if (input.weights?.[c] !== undefined) weights[c] = input.weights[c];
  const d = PROFILE_DEFAULTS;
  return {
    placement: input.placement ?? d.placement,
    interaction: input.interaction ?? d.interaction,
    security: input.security ?? d.security,
    encryptionInTransit: input.encryptionInTransit ?? d.encryptionInTransit,
    dataVolume: input.dataVolume ?? d.dataVolume,
    latency: input.latency ?? d.latency,
    durability: input.durability ?? d.durability,
    workload: input.workload ?? d.workload,
    kubernetesVersion: parseKubernetesVersion(input.kubernetesVersion) ?? d.kubernetesVersion,
    capabilities: {
      mesh: input.capabilities?.mesh ?? d.capabilities.mesh,
      rwxStorage: input.capabilities?.rwxStorage ?? d.capabilities.rwxStorage,
      broker: input.capabilities?.broker ?? d.capabilities.broker,
      windowsNodes: input.capabilities?.windowsNodes ?? d.capabilities.windowsNodes,
    },
    weights,
    limit: input.limit ?? d.limit,
    ...(input.name != null ? { name: input.name } : {}),
    ...(input.namespace != null ? { namespace: input.namespace } : {}),
    ...(input.callers != null ? { callers: input.callers.map((c) => structuredClone(c)) } : {}),
  };
}

/** The minor number of a "1.x" version string. */
export function kubernetesMinor(version: string): number {
  return Number(version.split('.')[1]);
}
