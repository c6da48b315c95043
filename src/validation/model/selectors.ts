/**
 * Kubernetes label selectors (metav1.LabelSelector and the plain map form Services use).
 *
 * Malformed selectors never throw: they match nothing, so a rule does not invent relations that
 * the API server would have rejected anyway (schema rules report the malformed value itself).
 */

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `selector` (a plain map, as in a Service or ReplicationController) ⊆ `labels`. */
export function matchesLabelMap(labels: Record<string, string>, selector: unknown): boolean {
  if (!isRecord(selector)) return false;
  return Object.entries(selector).every(
    ([key, value]) => Object.prototype.hasOwnProperty.call(labels, key) && labels[key] === value,
  );
}

function matchesRequirement(labels: Record<string, string>, requirement: unknown): boolean {
  if (!isRecord(requirement) || typeof requirement.key !== 'string') return false;
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const values = Array.isArray(requirement.values) ? requirement.values : [];
  switch (requirement.operator) {
    case 'In':
      return has && values.includes(labels[requirement.key]);
    case 'NotIn':
      // Kubernetes: NotIn also matches objects that lack the key.
      return !has || !values.includes(labels[requirement.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/**
 * metav1.LabelSelector semantics: `{}` selects everything; null/undefined or a non-object selects
 * nothing; matchLabels and matchExpressions are ANDed.
 */
export function matchesSelector(
  labels: Record<string, string>,
  selector: LabelSelector | unknown,
): boolean {
  if (!isRecord(selector)) return false;
  const { matchLabels, matchExpressions } = selector;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!matchesLabelMap(labels, matchLabels)) return false;
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return false;
    if (!matchExpressions.every((requirement) => matchesRequirement(labels, requirement)))
      return false;
  }
  return true;
}

/** True when a LabelSelector has no requirement at all (selects every pod of the namespace). */
export function isEmptySelector(selector: unknown): boolean {
  if (!isRecord(selector)) return false;
  const labels = isRecord(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
  const expressions = Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions.length
    : 0;
  return labels === 0 && expressions === 0;
}
