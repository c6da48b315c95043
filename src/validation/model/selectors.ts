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

/**
 * The labels of the pods a selector is tested against. A plain map is exact; a pod template's view
 * (controller-labels.ts) also knows the labels its controller adds, whose value may vary per pod.
 */
export interface LabelView {
  has(key: string): boolean;
  /** Some pod carries `key: value`. */
  is(key: string, value: string): boolean;
  /** The value differs between the pods (a StatefulSet's pod-name), or cannot be known (a hash). */
  varies(key: string): boolean;
}

function viewOf(labels: Record<string, string> | LabelView): LabelView {
  if (typeof (labels as LabelView).is === 'function') return labels as LabelView;
  const map = labels as Record<string, string>;
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(map, key);
  return { has, is: (key, value) => has(key) && map[key] === value, varies: () => false };
}

/** `selector` (a plain map, as in a Service or ReplicationController) ⊆ `labels`. */
export function matchesLabelMap(
  labels: Record<string, string> | LabelView,
  selector: unknown,
): boolean {
  if (!isRecord(selector)) return false;
  const view = viewOf(labels);
  return Object.entries(selector).every(
    ([key, value]) => typeof value === 'string' && view.is(key, value),
  );
}

function matchesRequirement(labels: LabelView, requirement: unknown): boolean {
  if (!isRecord(requirement) || typeof requirement.key !== 'string') return false;
  const key = requirement.key;
  const has = labels.has(key);
  const values = (Array.isArray(requirement.values) ? requirement.values : []).filter(
    (v): v is string => typeof v === 'string',
  );
  switch (requirement.operator) {
    case 'In':
      return has && values.some((value) => labels.is(key, value));
    case 'NotIn':
      // Kubernetes: NotIn also matches objects that lack the key; a varying value escapes any list.
      return !has || labels.varies(key) || !values.some((value) => labels.is(key, value));
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
  labels: Record<string, string> | LabelView,
  selector: LabelSelector | unknown,
): boolean {
  if (!isRecord(selector)) return false;
  const view = viewOf(labels);
  const { matchLabels, matchExpressions } = selector;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!matchesLabelMap(view, matchLabels)) return false;
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return false;
    if (!matchExpressions.every((requirement) => matchesRequirement(view, requirement)))
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
