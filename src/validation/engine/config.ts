import ignore from 'ignore';
import type { FieldError } from '../../common/errors.js';
import { parseKubernetesVersion } from '../../kubernetes/releases.js';
import { rules as registeredRules } from '../rules/index.js';
import type { ManifestFile } from './files.js';
import type { Severity } from './types.js';
import type { ValidateOptions } from './validate.js';

/**
 * A repository's validation settings (DESIGN §9): `.podwire.yaml` for the command line, the same
 * object as `config` in a JSON request body. `openapi.yaml` PodwireConfig mirrors it.
 */
export interface PodwireConfig {
  /** Rule ids never reported. */
  disable?: string[];
  /** Severity per rule id, replacing the rule's own. */
  severity?: Record<string, Severity>;
  /** `.gitignore`-style patterns of files left out of the bundle. */
  ignore?: string[];
  /** Target release when the request (or command line) names none. */
  kubernetesVersion?: string;
  /** Scope when the request (or command line) names none. */
  scope?: 'complete' | 'partial';
}

export type ConfigParse = { ok: true; config: PodwireConfig } | { ok: false; errors: FieldError[] };

const KEYS = new Set(['disable', 'severity', 'ignore', 'kubernetesVersion', 'scope']);
const SEVERITIES = new Set<string>(['error', 'warning', 'info']);
const SCOPES = new Set<string>(['complete', 'partial']);
const MAX_ENTRIES = 1000;

/**
 * Reads a config object (parsed YAML or JSON) and names every bad key: `config.severity.foo/bar`.
 * `prefix` is how the caller names the object (`config` in the API, `.podwire.yaml` in the CLI).
 * Rule ids are checked against `knownRules` (default: the registered rules).
 */
export function parseConfig(
  value: unknown,
  prefix = 'config',
  knownRules: ReadonlySet<string> = new Set(registeredRules.map((rule) => rule.id)),
): ConfigParse {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string): void => {
    errors.push({ field, message });
  };
  if (value === null || value === undefined) return { ok: true, config: {} };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, errors: [{ field: prefix, message: 'must be an object (a mapping)' }] };
  }
  const input = value as Record<string, unknown>;
  const config: PodwireConfig = {};
  for (const key of Object.keys(input)) {
    if (!KEYS.has(key)) {
      fail(`${prefix}.${key}`, `is not a config key (known: ${[...KEYS].join(', ')})`);
    }
  }
  const ruleId = (field: string, id: unknown): id is string => {
    if (typeof id === 'string' && knownRules.has(id)) return true;
    fail(field, `${JSON.stringify(id)} is not a rule id (see GET /v1/rules)`);
    return false;
  };
  const stringList = (key: 'disable' | 'ignore'): string[] | undefined => {
    const list = input[key];
    if (list === undefined || list === null) return undefined;
    if (!Array.isArray(list) || list.length > MAX_ENTRIES) {
      fail(`${prefix}.${key}`, `must be a list of at most ${MAX_ENTRIES} strings`);
      return undefined;
    }
    return list.filter((item: unknown, i): item is string => {
      if (typeof item === 'string' && item !== '') return true;
      fail(`${prefix}.${key}[${i}]`, 'must be a non-empty string');
      return false;
    });
  };
  const disable = stringList('disable')?.filter((id, i) => ruleId(`${prefix}.disable[${i}]`, id));
  if (disable) config.disable = disable;
  const ignored = stringList('ignore');
  if (ignored) config.ignore = ignored;

  const severity = input.severity;
  if (severity !== undefined && severity !== null) {
    if (typeof severity !== 'object' || Array.isArray(severity)) {
      fail(`${prefix}.severity`, 'must map rule ids to error, warning or info');
    } else {
      const out: Record<string, Severity> = {};
      for (const [id, level] of Object.entries(severity as Record<string, unknown>)) {
        const field = `${prefix}.severity.${id}`;
        if (!ruleId(field, id)) continue;
        if (typeof level !== 'string' || !SEVERITIES.has(level)) {
          fail(field, `${JSON.stringify(level)} is not a severity (error, warning or info)`);
          continue;
        }
        Object.defineProperty(out, id, { value: level, enumerable: true, writable: true });
      }
      config.severity = out;
    }
  }

  const version = input.kubernetesVersion;
  if (version !== undefined && version !== null) {
    const text = typeof version === 'number' ? String(version) : version;
    if (typeof text !== 'string' || parseKubernetesVersion(text) === undefined) {
      fail(
        `${prefix}.kubernetesVersion`,
        `${JSON.stringify(version)} is not a supported Kubernetes release (e.g. "1.31"; see GET /v1/kubernetes-versions)`,
      );
    } else {
      config.kubernetesVersion = text;
    }
  }

  const scope = input.scope;
  if (scope !== undefined && scope !== null) {
    if (typeof scope !== 'string' || !SCOPES.has(scope)) {
      fail(`${prefix}.scope`, `${JSON.stringify(scope)} is not a scope (complete or partial)`);
    } else {
      config.scope = scope as 'complete' | 'partial';
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config };
}

/**
 * Merges a config into a request: what the request (or command line) names itself wins, the config
 * fills the rest; `disable` lists are joined; files that `ignore` matches leave the bundle.
 */
export function applyConfig(
  config: PodwireConfig,
  files: readonly ManifestFile[],
  options: ValidateOptions = {},
): { files: ManifestFile[]; options: ValidateOptions } {
  const merged: ValidateOptions = { ...options };
  if (config.disable?.length) {
    merged.disable = [...new Set([...(options.disable ?? []), ...config.disable])];
  }
  if (config.severity && Object.keys(config.severity).length > 0) {
    merged.severity = { ...config.severity, ...options.severity };
  }
  merged.kubernetesVersion ??= config.kubernetesVersion;
  merged.scope ??= config.scope;
  if (merged.kubernetesVersion === undefined) delete merged.kubernetesVersion;
  if (merged.scope === undefined) delete merged.scope;
  const matcher = ignoreMatcher(config.ignore ?? []);
  return { files: files.filter((file) => !matcher(file.filename)), options: merged };
}

/** A `.gitignore`-style matcher over repository-relative paths ("a/b.yaml"). */
export function ignoreMatcher(patterns: readonly string[]): (path: string) => boolean {
  if (patterns.length === 0) return () => false;
  const matcher = ignore().add([...patterns]);
  return (path) => {
    const relative = path.replace(/^(\.\/)+/, '');
    return relative !== '' && matcher.ignores(relative);
  };
}
