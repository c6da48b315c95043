import { DomainError } from '../../common/errors.js';
import type { Finding, ValidationResult } from '../engine/result.js';
import {
  type ApplyMode,
  applyFixes,
  type FixedFinding,
  type FixReport,
  type FixSource,
  reportOf,
  selected,
  type SkippedFix,
} from './apply.js';

/**
 * Rounds of apply-then-revalidate: a fix may reveal another (a kind's case corrected, the
 * object's schema rules run and find more), but fixes that keep producing fixes must stop.
 */
export const MAX_FIX_ROUNDS = 5;

export interface FixedFile extends FixSource {
  changed: boolean;
}

export interface FixOutcome {
  files: FixedFile[];
  applied: FixReport[];
  skipped: SkippedFix[];
  /** The validation of the fixed files (of the submitted ones when nothing was applied). */
  result: ValidationResult;
  /** Validations run: 1 when nothing was fixable, one more per round that applied something. */
  validations: number;
}

/** A fix found again after it was applied once is not applied twice (its edit did not help). */
function identity(finding: FixedFinding): string {
  const { filename = '', documentIndex, kind = '', namespace = '', name = '' } = finding.object;
  return [
    finding.ruleId,
    filename,
    documentIndex,
    kind,
    namespace,
    name,
    finding.path,
    finding.fix.description,
  ].join('\u0000');
}

const hasFix = (finding: Finding): finding is FixedFinding => finding.fix !== undefined;

/**
 * Validates, applies the selected fixes, and validates the result again, for at most
 * MAX_FIX_ROUNDS rounds or until a round finds nothing new to apply (DESIGN §11). `validate` is
 * the same validation the validate endpoint or command line runs (pool, limits, options), so the
 * fixed files are judged as they would be if sent again. Pure apart from `validate`.
 *
 * `skipped` lists every fix the final result still offers, with the reason it was not applied.
 */
export async function fixBundle(
  sources: readonly FixSource[],
  validate: (sources: readonly FixSource[]) => Promise<ValidationResult>,
  mode: ApplyMode,
): Promise<FixOutcome> {
  let current: readonly FixSource[] = sources;
  let result = await validate(current);
  let validations = 1;
  const applied: FixReport[] = [];
  const appliedIn = new Map<string, number>();
  const reasons = new Map<string, string>();
  for (let round = 1; round <= MAX_FIX_ROUNDS; round++) {
    const fresh = result.findings.filter((finding) => {
      if (!hasFix(finding) || !selected(finding.fix, mode)) return false;
      const earlier = appliedIn.get(identity(finding));
      if (earlier === undefined) return true;
      reasons.set(
        identity(finding),
        `applied in round ${earlier}, yet the finding is still reported; not applied again`,
      );
      return false;
    });
    if (fresh.length === 0) break;
    const next = applyFixes(current, fresh, mode);
    for (const { finding, reason } of next.skipped) reasons.set(identity(finding), reason);
    if (next.applied.length === 0) break;
    for (const finding of next.applied) {
      appliedIn.set(identity(finding), round);
      reasons.delete(identity(finding));
    }
    let after: ValidationResult;
    try {
      after = await validate(next.sources);
      validations++;
    } catch (error) {
      // The fixed bundle is over a limit (a fix added objects): keep the round's input instead.
      // 422 is a limit, inline (ManifestLimitError) or from the pool (a DomainError).
      if (!(error instanceof DomainError && error.status === 422)) throw error;
      for (const finding of next.applied)
        reasons.set(
          identity(finding),
          `with this round's fixes the bundle exceeds a limit: ${error.message}`,
        );
      break;
    }
    applied.push(...next.applied.map(reportOf));
    current = next.sources;
    result = after;
  }
  const skipped = result.findings.filter(hasFix).map((finding): SkippedFix => ({
    ...reportOf(finding),
    reason:
      reasons.get(identity(finding)) ??
      (selected(finding.fix, mode)
        ? `found after the last of ${MAX_FIX_ROUNDS} rounds`
        : 'a suggestion, which may change behaviour: apply=all applies it'),
  }));
  return {
    files: current.map((source, i) => ({
      ...source,
      changed: source.content !== sources[i].content,
    })),
    applied,
    skipped,
    result,
    validations,
  };
}
