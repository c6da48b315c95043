import { closeMatch } from '../engine/fix/did-you-mean.js';
import type { ReportFix } from '../engine/fix/edit.js';
import type { JsonPath } from '../engine/types.js';
import type { PodTemplate } from '../model/bundle-model.types.js';

/**
 * Did you mean, for a label selector that matches no pod template: the pod templates of the
 * namespace that match on every key but one, where they carry that key; when they all disagree
 * on the same key and exactly one of their values is close to the selector's (did-you-mean.ts),
 * the fix sets that value. `path` is the mapping of the selector's labels (`spec.selector`, a
 * podSelector's `matchLabels`). `accept` may refuse a correction the caller knows to be no typo.
 */
export function selectorValueFix(
  selector: Readonly<Record<string, string>>,
  path: JsonPath,
  pods: readonly PodTemplate[],
  accept: (from: string, to: string) => boolean = () => true,
): ReportFix | undefined {
  const valuesByKey = new Map<string, Set<string>>();
  for (const pod of pods) {
    const differing = Object.keys(selector).filter((key) => pod.labels[key] !== selector[key]);
    if (differing.length !== 1 || pod.labels[differing[0]] === undefined) continue;
    const values = valuesByKey.get(differing[0]) ?? new Set<string>();
    values.add(pod.labels[differing[0]]);
    valuesByKey.set(differing[0], values);
  }
  if (valuesByKey.size !== 1) return undefined;
  const [[key, values]] = [...valuesByKey];
  const value = closeMatch(selector[key], values);
  if (value === undefined || !accept(selector[key], value)) return undefined;
  return {
    description: `Change the selector label ${key}: "${selector[key]}" to "${value}", the value the pod template carries`,
    safety: 'safe',
    edits: [{ set: [...path, key], value }],
  };
}
