import { boundResult } from './bound.js';
import { toFix } from './fix/to-text-edits.js';
import { isNamespaced, objectLabel } from './object-key.js';
import { type BundleCounts, type ParsedManifest, parseManifest } from './parse.js';
import { locate, toRange } from './ranges.js';
import {
  type DetectedPattern,
  type Finding,
  type RelatedLocation,
  toPointer,
  type ValidationResult,
} from './result.js';
import type {
  ManifestObject,
  ObjectRef,
  PatternDetector,
  Report,
  Rule,
  RuleContext,
  Severity,
  ValidationOptions,
} from './types.js';

/** Everything one validation run needs besides the text; `validateManifest` fills the defaults. */
export interface EngineOptions extends ValidationOptions {
  /** Rule ids not to run. */
  disable: ReadonlySet<string>;
  /** Severity per rule id that replaces the rule's own (`.podwire.yaml` `severity`). */
  severity?: ReadonlyMap<string, Severity>;
  /** Told about a rule or detector that threw; the run goes on without it. */
  onInternalError?: (source: string, error: unknown) => void;
}

const IGNORE_ANNOTATION = 'podwire.dev/ignore';

interface Pending {
  rule: Rule;
  report: Report;
}

/** One text of a bundle: a file of a multi-file request, or the single `manifest`. */
export interface EngineSource {
  /** Set on every object and finding of this source; absent for a single unnamed manifest. */
  filename?: string;
  text: string;
}

/**
 * How a source is read: parseManifest, or a ChunkedParser (chunks.ts) with the same result that
 * reuses what an earlier validation of the same fix read.
 */
export type ManifestParser = (text: string, bundle: BundleCounts) => ParsedManifest;

/** A parsed source and where its objects' positions come from. */
interface ParsedSource {
  filename?: string;
  parsed: ParsedManifest;
}

/**
 * Runs the rules over a bundle of one or more sources (files). Every source is parsed on its own,
 * so ranges are per file; the rules see all objects together, so references across files resolve.
 * Rules report object + path; ranges are computed only for the findings that survive `disable`,
 * the ignore annotation and rule failures.
 */
export function runEngine(
  input: string | readonly EngineSource[],
  options: EngineOptions,
  rules: readonly Rule[],
  detectors: readonly PatternDetector[] = [],
  parse: ManifestParser = parseManifest,
): ValidationResult {
  const sources = typeof input === 'string' ? [{ text: input }] : input;
  const bundle: BundleCounts = { documents: 0, objects: 0, aliases: { nodes: 0, chars: 0 } };
  const parsedSources: ParsedSource[] = [];
  const sourceOf = new Map<ManifestObject, ParsedSource>();
  const objects: ManifestObject[] = [];
  for (const source of sources) {
    const parsed = parse(source.text, bundle);
    const entry: ParsedSource = { filename: source.filename, parsed };
    parsedSources.push(entry);
    for (const object of parsed.objects) {
      if (source.filename !== undefined) object.ref = { filename: source.filename, ...object.ref };
      sourceOf.set(object, entry);
      objects.push(object);
    }
  }
  const ctx = createContext(objects, options);
  const pending: Pending[] = [];
  const skipped: string[] = [];
  let current: Rule | undefined;
  ctx.report = (report: Report): void => {
    if (current) pending.push({ rule: current, report });
  };
  const ignored = ignoreSets(objects);
  const silenced = (ruleId: string, object: ManifestObject | undefined): boolean =>
    options.disable.has(ruleId) ||
    (object !== undefined && ignored.get(object)?.has(ruleId) === true);

  for (const rule of rules) {
    if (!rule.check || options.disable.has(rule.id)) continue;
    current = rule;
    const mark = pending.length;
    try {
      rule.check(ctx);
    } catch (error) {
      pending.length = mark;
      skipped.push(rule.id);
      options.onInternalError?.(rule.id, error);
    }
  }
  current = undefined;

  const findings: Finding[] = [];
  const ruleById = new Map(rules.map((rule) => [rule.id, rule]));
  const severityOf = (ruleId: string, fallback: Severity): Severity =>
    options.severity?.get(ruleId) ?? fallback;
  for (const { filename, parsed } of parsedSources) {
    for (const parseFinding of parsed.findings) {
      const rule = ruleById.get(parseFinding.ruleId);
      const object = objectAt(parsed.objects, parseFinding.documentIndex, parseFinding.path);
      // A document that could not be read contributes no objects; its yaml/syntax finding is the
      // only trace of it, so `disable` never hides it (no document is ever dropped silently).
      const unreadable =
        parseFinding.ruleId === 'yaml/syntax' && !parsed.documents[parseFinding.documentIndex]?.ok;
      if (!unreadable && silenced(parseFinding.ruleId, object)) continue;
      const relative = object ? parseFinding.path.slice(object.basePath.length) : parseFinding.path;
      const ref: ObjectRef = object?.ref ?? { documentIndex: parseFinding.documentIndex };
      findings.push({
        ruleId: parseFinding.ruleId,
        severity: unreadable
          ? (rule?.severity ?? 'error')
          : severityOf(parseFinding.ruleId, rule?.severity ?? 'error'),
        message: parseFinding.message,
        object: filename !== undefined && !object ? { filename, ...ref } : ref,
        path: toPointer(relative),
        range: toRange(
          parsed.text,
          parsed.lineCounter,
          parseFinding.start,
          parseFinding.end,
          parseFinding.ruleId !== 'yaml/syntax',
        ),
      });
    }
  }
  for (const { rule, report } of pending) {
    if (silenced(rule.id, report.object)) continue;
    findings.push(toFinding(sourceOf, rule, report, options));
  }
  dropExplainedSummaries(findings, ruleById, options.pattern);
  const empty = emptyFinding(parsedSources, findings, ruleById.get(EMPTY_RULE_ID), options);
  if (empty) findings.push(empty);
  const order = new Map(sources.map((source, i) => [source.filename, i]));
  findings.sort((a, b) => compareFindings(order, a, b));

  const patterns: DetectedPattern[] = [];
  for (const detect of detectors) {
    try {
      for (const found of detect(ctx)) {
        patterns.push({ pattern: found.pattern, objects: found.objects.map(objectLabel) });
      }
    } catch (error) {
      options.onInternalError?.(`detector:${detect.name || 'anonymous'}`, error);
    }
  }

  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const finding of findings) {
    if (finding.severity === 'error') errors += 1;
    else if (finding.severity === 'warning') warnings += 1;
    else infos += 1;
  }
  const result: ValidationResult = {
    valid: errors === 0,
    summary: {
      documents: bundle.documents,
      objects: objects.length,
      errors,
      warnings,
      infos,
    },
    objects: objects.map((object) => ({ ...object.ref, line: object.line })),
    patterns,
    findings,
  };
  if (skipped.length > 0) result.skippedRules = skipped;
  return boundResult(result);
}

const EMPTY_RULE_ID = 'manifest/empty';

/**
 * `manifest/empty`: the request holds no object at all and nothing else explains why (a document
 * that is not an object, or unreadable YAML, is already a finding). A CI job whose glob matched
 * nothing must not pass (DESIGN §5).
 */
function emptyFinding(
  sources: readonly ParsedSource[],
  findings: readonly Finding[],
  rule: Rule | undefined,
  options: EngineOptions,
): Finding | undefined {
  if (!rule || options.disable.has(rule.id)) return undefined;
  if (sources.some((source) => source.parsed.objects.length > 0)) return undefined;
  if (findings.some((finding) => finding.severity === 'error')) return undefined;
  const filename = sources[0]?.filename;
  const message =
    sources.length === 0
      ? 'The request holds no file, so nothing was validated'
      : `The ${sources.length === 1 ? 'manifest holds' : `${sources.length} files hold`} no Kubernetes object (empty, only comments, or an empty List), so nothing was validated`;
  return {
    ruleId: rule.id,
    severity: options.severity?.get(rule.id) ?? rule.severity,
    message,
    object: filename === undefined ? { documentIndex: 0 } : { filename, documentIndex: 0 },
    path: '',
    range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
  };
}

type MutableContext = RuleContext & { report: (report: Report) => void };

function createContext(objects: ManifestObject[], options: ValidationOptions): MutableContext {
  const byKey = new Map<string, ManifestObject>();
  const byKind = new Map<string, ManifestObject[]>();
  const byKindName = new Map<string, ManifestObject>();
  for (const object of objects) {
    if (!byKey.has(object.key)) byKey.set(object.key, object);
    const kind = object.ref.kind ?? '';
    let list = byKind.get(kind);
    if (!list) byKind.set(kind, (list = []));
    list.push(object);
    const nameKey = kindNameKey(kind, object.ref.namespace, object.ref.name ?? '');
    if (!byKindName.has(nameKey)) byKindName.set(nameKey, object);
  }
  const frozenObjects = Object.freeze(objects.slice()) as readonly ManifestObject[];
  return {
    objects: frozenObjects,
    options: Object.freeze({ ...options }),
    byKey,
    byKind: (kind) => byKind.get(kind) ?? [],
    lookup: (kind, namespace, name) => byKindName.get(kindNameKey(kind, namespace, name)),
    report: () => undefined,
  };
}

function kindNameKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${isNamespaced(kind) ? (namespace ?? 'default') : ''}\u0000${name}`;
}

/** The rule ids each object silences through its `podwire.dev/ignore` annotation. */
function ignoreSets(objects: readonly ManifestObject[]): Map<ManifestObject, Set<string>> {
  const sets = new Map<ManifestObject, Set<string>>();
  for (const object of objects) {
    const metadata = object.raw.metadata as { annotations?: unknown } | undefined;
    const annotations = metadata?.annotations as Record<string, unknown> | undefined;
    const value =
      annotations && typeof annotations === 'object' ? annotations[IGNORE_ANNOTATION] : undefined;
    if (typeof value !== 'string') continue;
    const ids = value
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    if (ids.length > 0) sets.set(object, new Set(ids));
  }
  return sets;
}

/** The object a document-relative path falls into (a List item, or the document's object). */
function objectAt(
  objects: readonly ManifestObject[],
  documentIndex: number,
  path: ReadonlyArray<string | number>,
): ManifestObject | undefined {
  for (const object of objects) {
    if (object.ref.documentIndex !== documentIndex) continue;
    if (object.basePath.every((segment, i) => path[i] === segment)) return object;
  }
  return undefined;
}

function toFinding(
  sourceOf: ReadonlyMap<ManifestObject, ParsedSource>,
  rule: Rule,
  report: Report,
  options: EngineOptions,
): Finding {
  let severity: Severity = options.severity?.get(rule.id) ?? report.severity ?? rule.severity;
  if (report.missingReference && options.scope === 'partial') severity = 'info';
  const finding: Finding = {
    ruleId: rule.id,
    severity,
    message: report.message,
    object: report.object.ref,
    path: toPointer(report.path),
    range: rangeOf(sourceOf, report.object, report.path, report.at),
  };
  if (report.related && report.related.length > 0) {
    finding.related = report.related.map((related): RelatedLocation => {
      const location: RelatedLocation = {
        object: related.object.ref,
        path: toPointer(related.path),
        range: rangeOf(sourceOf, related.object, related.path, related.at),
      };
      if (related.message) location.message = related.message;
      return location;
    });
  }
  if (report.fix) {
    const fix = fixOf(sourceOf, report);
    if (fix) finding.fix = fix;
  }
  return finding;
}

function fixOf(sourceOf: ReadonlyMap<ManifestObject, ParsedSource>, report: Report) {
  const source = sourceOf.get(report.object);
  const document = source?.parsed.documents[report.object.ref.documentIndex];
  if (!source || !document || !report.fix) return undefined;
  const { text, lineCounter } = source.parsed;
  return toFix(
    {
      filename: source.filename,
      text: document.text,
      offset: document.offset,
      fileText: text,
      lineCounter,
      doc: document.doc,
    },
    report.object.basePath,
    report.fix,
  );
}

function rangeOf(
  sourceOf: ReadonlyMap<ManifestObject, ParsedSource>,
  object: ManifestObject,
  path: ReadonlyArray<string | number>,
  at: 'key' | 'value' | undefined,
) {
  // Rules only report objects of the context; a stray one (a rule's own copy) has no source.
  const parsed = sourceOf.get(object)?.parsed;
  if (!parsed) return { line: object.line, column: 1, endLine: object.line, endColumn: 1 };
  const document = parsed.documents[object.ref.documentIndex];
  const [start, end] = locate(document.doc, [...object.basePath, ...path], at);
  return toRange(parsed.text, parsed.lineCounter, start + document.offset, end + document.offset);
}

/** Findings in file order (as submitted), then document, line, column and rule id. */
function compareFindings(
  order: ReadonlyMap<string | undefined, number>,
  a: Finding,
  b: Finding,
): number {
  return (
    (order.get(a.object.filename) ?? 0) - (order.get(b.object.filename) ?? 0) ||
    a.object.documentIndex - b.object.documentIndex ||
    a.range.line - b.range.line ||
    a.range.column - b.range.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/**
 * DESIGN §5, one root cause, one error: a summary rule's finding (the bundle lacks the pattern's
 * structure) goes when a rule about the requested pattern reports an error already — a selector
 * typo, a serviceName that names no Service, a ReadWriteOnce claim — since that error says why.
 */
function dropExplainedSummaries(
  findings: Finding[],
  ruleById: ReadonlyMap<string, Rule>,
  pattern: string | undefined,
): void {
  if (!pattern) return;
  const explained = findings.some((finding) => {
    const rule = ruleById.get(finding.ruleId);
    return (
      finding.severity === 'error' &&
      rule !== undefined &&
      !rule.summary &&
      rule.patterns.includes(pattern)
    );
  });
  if (!explained) return;
  for (let i = findings.length - 1; i >= 0; i--) {
    if (ruleById.get(findings[i].ruleId)?.summary) findings.splice(i, 1);
  }
}
