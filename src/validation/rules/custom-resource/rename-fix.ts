import {
  customResourceIssues,
  type BundleObject,
  type CustomResourceIssue,
} from '../../../kubernetes/crd/index.js';
import { closeMatch } from '../../engine/fix/did-you-mean.js';
import type { ReportFix } from '../../engine/fix/edit.js';
import { asRecord, valueAt } from '../../model/json.js';

/**
 * Renames checked per object: each validates the whole object again, so a resource of thousands
 * of misspelt keys must not cost thousands of validations (its later near misses get no fix).
 */
export const RENAME_CHECKS = 20;

const identity = (issue: CustomResourceIssue): string =>
  `${issue.kind}|${issue.path.join('/')}|${issue.message}`;

/** A copy of `raw` with the key at `path` renamed to `field` (the mappings on the way copied). */
function renamed(raw: Record<string, unknown>, path: readonly (string | number)[], field: string) {
  const copy = structuredClone(raw);
  const parent = asRecord(valueAt(copy, path.slice(0, -1)));
  const key = String(path[path.length - 1]);
  if (!parent) return undefined;
  parent[field] = parent[key];
  delete parent[key];
  return copy;
}

/**
 * Did you mean, for an unknown field of a custom resource: the one field the CRD's schema defines
 * in that mapping that is close to the key (did-you-mean.ts), that the mapping lacks, and whose
 * rename leaves the object with no issue it did not have (schema and CEL rules validated again on
 * the renamed copy), so the fix removes this finding and adds none.
 */
export function renameFix(
  objects: readonly BundleObject[],
  raw: Record<string, unknown>,
  issue: CustomResourceIssue,
  budget: { left: number },
): ReportFix | undefined {
  const key = String(issue.path[issue.path.length - 1]);
  const field = closeMatch(key, issue.fields ?? []);
  const parent = asRecord(valueAt(raw, issue.path.slice(0, -1)));
  if (field === undefined || !parent || Object.hasOwn(parent, field)) return undefined;
  if (budget.left <= 0) return undefined;
  budget.left -= 1;
  const copy = renamed(raw, issue.path, field);
  if (!copy) return undefined;
  const before = new Set(customResourceIssues(objects, raw).map(identity));
  if (customResourceIssues(objects, copy).some((after) => !before.has(identity(after)))) {
    return undefined;
  }
  return {
    description: `Rename field "${key}" to "${field}", the field the CRD's schema defines here`,
    safety: 'safe',
    edits: [{ rename: issue.path, key: field }],
  };
}
