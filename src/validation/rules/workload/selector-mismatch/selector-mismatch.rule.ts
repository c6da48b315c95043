import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeObject } from '../../../model/describe.js';
import { asRecord, valueAt } from '../../../model/json.js';
import { isEmptySelector, matchesLabelMap, matchesSelector } from '../../../model/selectors.js';

/** Kinds whose spec.selector is a metav1.LabelSelector. */
const LABEL_SELECTOR_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
]);
/** Kinds whose spec.selector is a plain label map (defaulted from the template labels when absent). */
const MAP_SELECTOR_KINDS = new Set(['ReplicationController', 'DeploymentConfig']);

const show = (labels: unknown): string => JSON.stringify(labels ?? {});

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    const spec = asRecord(pod.object.raw.spec);
    if (!spec || spec.selector === undefined || spec.selector === null) continue;
    // A Job's selector is generated unless manualSelector is set; a hand-written one is then rejected.
    if (pod.kind === 'Job' && spec.manualSelector !== true) continue;
    const what = describeObject(pod.object);
    const path = ['spec', 'selector'];
    const labelsPath = [...pod.metadataPath, 'labels'];
    const related = asRecord(valueAt(pod.object.raw, labelsPath))
      ? [{ object: pod.object, path: labelsPath, message: 'pod template labels' }]
      : undefined;
    if (LABEL_SELECTOR_KINDS.has(pod.kind)) {
      if (!asRecord(spec.selector)) continue;
      if (isEmptySelector(spec.selector)) {
        ctx.report({
          object: pod.object,
          path,
          message: `${what} has an empty selector: the API server rejects it (it would adopt every pod of the namespace)`,
        });
      } else if (!matchesSelector(pod.labels, spec.selector)) {
        ctx.report({
          object: pod.object,
          path,
          message: `the selector ${show(spec.selector)} of ${what} does not match its pod template labels ${show(pod.labels)}: the API server rejects the object`,
          related,
        });
      }
    } else if (MAP_SELECTOR_KINDS.has(pod.kind)) {
      const selector = asRecord(spec.selector);
      if (!selector || Object.keys(selector).length === 0) continue;
      if (!matchesLabelMap(pod.labels, selector)) {
        ctx.report({
          object: pod.object,
          path,
          message: `the selector ${show(selector)} of ${what} does not match its pod template labels ${show(pod.labels)}`,
          related,
        });
      }
    }
  }
}

export const workloadSelectorMismatchRule: Rule = {
  id: 'workload/selector-mismatch',
  title: "Workload selector does not match its pod template's labels",
  severity: 'error',
  category: 'workload',
  patterns: [],
  description:
    'A Deployment, StatefulSet, DaemonSet, ReplicaSet or Job selects the pods it owns by label. When the selector does not match the pod template\'s own labels the API server rejects the object ("selector does not match template labels"); an empty selector is rejected too.',
  remediation:
    'Make spec.selector.matchLabels a subset of spec.template.metadata.labels (and matchExpressions true for them). Keep the selector small and stable: it is immutable in apps/v1.',
  references: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector',
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
  ],
  check,
};
