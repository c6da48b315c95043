/**
 * The contract between the validation engine and its rules.
 *
 * Rules never compute line/column themselves: they report an object and a path into it, and the
 * engine turns that into a 1-based range through the YAML source map (ESLint-style).
 */
import type { KubernetesRelease } from '../../kubernetes/releases.js';
import type { ReportFix } from './fix/edit.js';

export type Severity = 'error' | 'warning' | 'info';

/** A path into an object's JSON, as segments: ['spec', 'ports', 0, 'targetPort']. */
export type JsonPath = ReadonlyArray<string | number>;

export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** How a finding names an object in the response (DESIGN §5). */
export interface ObjectRef {
  /** The submitted file the object is in (multi-file requests; absent for a single `manifest`). */
  filename?: string;
  /** Index of the YAML document within its file. */
  documentIndex: number;
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
}

/** One Kubernetes object of the bundle (a document, or one item of a `kind: List`). */
export interface ManifestObject {
  ref: ObjectRef;
  /** Path of this object inside its document: [] for a plain document, ['items', 3] for a List item. */
  basePath: JsonPath;
  /** The object as plain JSON (from yaml's toJS). */
  raw: Record<string, unknown>;
  /** `group/kind/namespace/name` with the namespace defaulted to "default" for namespaced kinds. */
  key: string;
  /** 1-based line where the object starts. */
  line: number;
}

export interface RelatedReport {
  object: ManifestObject;
  path: JsonPath;
  message?: string;
  /** Point at the key rather than the value. */
  at?: 'key' | 'value';
}

export interface Report {
  object: ManifestObject;
  path: JsonPath;
  message: string;
  /** Overrides the rule's default severity (e.g. a numeric targetPort is only a warning). */
  severity?: Severity;
  /** Point at the key rather than the value (e.g. an unknown field). Default: value. */
  at?: 'key' | 'value';
  related?: RelatedReport[];
  /** True when the finding is about a referenced object that is absent (scope: partial → info). */
  missingReference?: boolean;
  /**
   * A mechanical correction as semantic edits against `object` (DESIGN §11, fix/edit.ts); the
   * engine turns them into text edits, or drops the fix when they cannot be placed safely.
   */
  fix?: ReportFix;
}

export interface ValidationOptions {
  /** The pattern the caller says the bundle implements; its rules then apply strictly. */
  pattern?: string;
  /** The target release, already normalised ("1.31"). */
  kubernetesVersion: KubernetesRelease;
  scope: 'complete' | 'partial';
}

export interface RuleContext {
  readonly objects: readonly ManifestObject[];
  readonly options: ValidationOptions;
  /** Objects by `key` (see ManifestObject.key). */
  readonly byKey: ReadonlyMap<string, ManifestObject>;
  /** Objects by kind (e.g. "Service"). */
  byKind(kind: string): readonly ManifestObject[];
  /**
   * The object of that kind, namespace and name, whatever its API group (namespace defaulted to
   * "default" for namespaced kinds; ignored for cluster-scoped ones).
   */
  lookup(kind: string, namespace: string | undefined, name: string): ManifestObject | undefined;
  report(report: Report): void;
}

/**
 * Recognises a communication pattern in the bundle (DESIGN §5 `patterns`). Runs after the rules,
 * on the same context (so models memoised per context are shared). Registered in
 * `engine/detectors.ts`.
 */
export type PatternDetector = (
  ctx: RuleContext,
) => ReadonlyArray<{ pattern: string; objects: readonly ManifestObject[] }>;

export type RuleCategory =
  | 'yaml'
  | 'manifest'
  | 'schema'
  | 'workload'
  | 'pod'
  | 'container'
  | 'volume'
  | 'service'
  | 'ingress'
  | 'sidecar'
  | 'networkpolicy'
  | 'reference'
  | 'pattern'
  | 'api'
  | 'crd'
  | 'custom-resource'
  | 'route'
  | 'gateway'
  | 'mesh';

/** A rule: metadata is data (served by GET /v1/rules), `check` inspects the bundle. */
export interface Rule {
  /** Permanent id, `scope/name`. Never derived from anything; never renamed. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly category: RuleCategory;
  /** Pattern ids the rule is about (empty: all). */
  readonly patterns: readonly string[];
  readonly description: string;
  readonly remediation: string;
  readonly references: readonly string[];
  /**
   * Inspects the bundle and reports findings. Rules whose findings the engine emits itself while
   * parsing (yaml/syntax, yaml/duplicate-key) have no check.
   */
  readonly check?: (ctx: RuleContext) => void;
  /**
   * A summary finding (pattern/not-implemented): dropped when a rule about the requested pattern
   * already reports an error, since that error names the cause (DESIGN §5: one root cause, one
   * error).
   */
  readonly summary?: boolean;
}
