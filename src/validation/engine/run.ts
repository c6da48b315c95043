import { boundResult } from './bound.js';
import { isNamespaced, objectLabel } from './object-key.js';
import { type ParsedManifest, parseManifest } from './parse.js';
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
  /** Told about a rule or detector that threw; the run goes on without it. */
  onInternalError?: (source: string, error: unknown) => void;
}

const IGNORE_ANNOTATION = 'podwire.dev/ignore';

interface Pending {
  rule: Rule;
  report: Report;
}

/**
 * Runs the rules over a manifest. Rules report object + path; ranges are computed only for the
 * findings that survive `disable`, the ignore annotation and rule failures.
 */
export function runEngine(
  text: string,
  options: EngineOptions,
  rules: readonly Rule[],
  detectors: readonly PatternDetector[] = [],
): ValidationResult {
  const parsed = parseManifest(text);
  const { objects } = parsed;
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
  for (const parseFinding of parsed.findings) {
    const rule = ruleById.get(parseFinding.ruleId);
    const object = objectAt(objects, parseFinding.documentIndex, parseFinding.path);
    // A document that could not be read contributes no objects; its yaml/syntax finding is the
    // only trace of it, so `disable` never hides it (no document is ever dropped silently).
    const unreadable =
      parseFinding.ruleId === 'yaml/syntax' && !parsed.documents[parseFinding.documentIndex]?.ok;
    if (!unreadable && silenced(parseFinding.ruleId, object)) continue;
    const relative = object ? parseFinding.path.slice(object.basePath.length) : parseFinding.path;
    findings.push({
      ruleId: parseFinding.ruleId,
      severity: rule?.severity ?? 'error',
      message: parseFinding.message,
      object: object?.ref ?? { documentIndex: parseFinding.documentIndex },
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
  for (const { rule, report } of pending) {
    if (silenced(rule.id, report.object)) continue;
    findings.push(toFinding(parsed, rule, report, options));
  }
  dropExplainedSummaries(findings, ruleById, options.pattern);
  findings.sort(compareFindings);

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
      documents: parsed.documents.length,
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
  parsed: ParsedManifest,
  rule: Rule,
  report: Report,
  options: ValidationOptions,
): Finding {
  let severity: Severity = report.severity ?? rule.severity;
  if (report.missingReference && options.scope === 'partial') severity = 'info';
  const finding: Finding = {
    ruleId: rule.id,
    severity,
    message: report.message,
    object: report.object.ref,
    path: toPointer(report.path),
    range: rangeOf(parsed, report.object, report.path, report.at),
  };
  if (report.related && report.related.length > 0) {
    finding.related = report.related.map((related): RelatedLocation => {
      const location: RelatedLocation = {
        object: related.object.ref,
        path: toPointer(related.path),
        range: rangeOf(parsed, related.object, related.path, related.at),
      };
      if (related.message) location.message = related.message;
      return location;
    });
  }
  return finding;
}

function rangeOf(
  parsed: ParsedManifest,
  object: ManifestObject,
  path: ReadonlyArray<string | number>,
  at: 'key' | 'value' | undefined,
) {
  const document = parsed.documents[object.ref.documentIndex];
  const [start, end] = locate(document.doc, [...object.basePath, ...path], at);
  return toRange(parsed.text, parsed.lineCounter, start, end);
}

function compareFindings(a: Finding, b: Finding): number {
  return (
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
