import { RESULT_LIMITS } from './limits.js';
import type { Finding, RelatedLocation, ValidationResult } from './result.js';
import type { ObjectRef, Severity } from './types.js';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * The result within RESULT_LIMITS. Strings are clipped first; then, if the findings are still too
 * many or too large, errors are kept before warnings before infos (each in document order) and the
 * rest is counted in `truncated`. A hostile manifest thus gets a bounded answer, and so does the
 * worker's message to the main thread.
 */
export function boundResult(result: ValidationResult): ValidationResult {
  const findings = result.findings.map(boundFinding);
  const kept = keep(findings);
  const bounded: ValidationResult = {
    ...result,
    objects: result.objects.map((object) => ({ ...boundRef(object), line: object.line })),
    patterns: result.patterns.map((pattern) => ({
      pattern: pattern.pattern,
      objects: pattern.objects.map((label) => clip(label, 3 * RESULT_LIMITS.refChars)),
    })),
    findings: kept,
  };
  const omitted = findings.length - kept.length;
  if (omitted > 0) {
    bounded.truncated = {
      findings: omitted,
      reason: `Only the first ${kept.length} findings, most severe first, are listed (limits: ${RESULT_LIMITS.findings} findings, ${RESULT_LIMITS.findingsBytes} bytes); summary counts all ${findings.length}.`,
    };
  }
  return bounded;
}

function keep(findings: Finding[]): Finding[] {
  const sizes = findings.map((finding) => JSON.stringify(finding).length);
  let total = 0;
  for (const size of sizes) total += size;
  if (findings.length <= RESULT_LIMITS.findings && total <= RESULT_LIMITS.findingsBytes) {
    return findings;
  }
  const order = findings
    .map((_, i) => i)
    .sort((a, b) => RANK[findings[a].severity] - RANK[findings[b].severity] || a - b);
  const chosen = new Set<number>();
  let bytes = 0;
  for (const i of order) {
    if (chosen.size >= RESULT_LIMITS.findings || bytes + sizes[i] > RESULT_LIMITS.findingsBytes)
      break;
    chosen.add(i);
    bytes += sizes[i];
  }
  return findings.filter((_, i) => chosen.has(i));
}

function boundFinding(finding: Finding): Finding {
  const bounded: Finding = {
    ...finding,
    message: clip(finding.message, RESULT_LIMITS.messageChars),
    object: boundRef(finding.object),
    path: clip(finding.path, RESULT_LIMITS.pathChars),
  };
  if (finding.related) {
    bounded.related = finding.related.slice(0, RESULT_LIMITS.related).map(boundRelated);
  }
  return bounded;
}

function boundRelated(related: RelatedLocation): RelatedLocation {
  const bounded: RelatedLocation = {
    ...related,
    object: boundRef(related.object),
    path: clip(related.path, RESULT_LIMITS.pathChars),
  };
  if (related.message !== undefined) {
    bounded.message = clip(related.message, RESULT_LIMITS.messageChars);
  }
  return bounded;
}

function boundRef(ref: ObjectRef): ObjectRef {
  const bounded: ObjectRef =
    ref.filename === undefined
      ? { documentIndex: ref.documentIndex }
      : { filename: ref.filename, documentIndex: ref.documentIndex };
  for (const field of ['apiVersion', 'kind', 'namespace', 'name'] as const) {
    const value = ref[field];
    if (value !== undefined) bounded[field] = clip(value, RESULT_LIMITS.refChars);
  }
  return bounded;
}

/** At most `max` characters of `text`, marked when cut: messages quote keys, never whole ones. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
