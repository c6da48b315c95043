import type { ObjectRef, Range, Severity } from './types.js';

/** JSON shapes of a validation result (DESIGN §5); `openapi.yaml` ValidationResult mirrors them. */

export interface RelatedLocation {
  object: ObjectRef;
  /** JSON Pointer into the object (`/spec/ports/0`). */
  path: string;
  range: Range;
  message?: string;
}

/**
 * One text replacement in a submitted file (DESIGN §11): `range` as in findings (1-based, end
 * column exclusive); an empty range inserts. `filename` as in ObjectRef (absent for one `manifest`).
 */
export interface TextEdit {
  filename?: string;
  range: Range;
  newText: string;
}

/** A mechanical correction of a finding (DESIGN §11). */
export interface Fix {
  description: string;
  /** `safe`: cannot change what runs beyond the correction; `suggestion`: may change behaviour. */
  safety: 'safe' | 'suggestion';
  /** Non-overlapping, all in the finding's own object. */
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  object: ObjectRef;
  /** JSON Pointer into the object ("" for the whole object or document). */
  path: string;
  range: Range;
  related?: RelatedLocation[];
  fix?: Fix;
}

export interface ValidationSummary {
  documents: number;
  objects: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface DetectedPattern {
  pattern: string;
  /** `Kind/namespace/name` (`Kind/name` for cluster-scoped kinds). */
  objects: string[];
}

export interface ValidationResult {
  /** True when no finding is an error. */
  valid: boolean;
  summary: ValidationSummary;
  objects: Array<ObjectRef & { line: number }>;
  patterns: DetectedPattern[];
  findings: Finding[];
  /**
   * Rules that failed with an internal error and were skipped (their findings dropped). Present
   * only when non-empty; a bug report, never caused by the manifest being wrong.
   */
  skippedRules?: string[];
  /** Present only when findings were left out to keep the answer bounded (RESULT_LIMITS). */
  truncated?: { findings: number; reason: string };
}

/** RFC 6901 JSON Pointer of a path. */
export function toPointer(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const segment of path) out += '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
  return out;
}
