import type { PodTemplate } from './bundle-model.types.js';
import { asRecord, asString } from './json.js';
import type { LabelView } from './selectors.js';

/**
 * Labels a workload controller adds to the pods it creates, on top of the template's own labels
 * (kubernetes.io "Well-Known Labels, Annotations and Taints":
 * https://kubernetes.io/docs/reference/labels-annotations-taints/). A selector may use them —
 * Argo CD's HA install selects `statefulset.kubernetes.io/pod-name: argocd-redis-ha-server-0` —
 * and then matches the workload's pods as long as the value is one the controller can write.
 *
 * `accepts(value)` says whether some pod of the workload can carry that value; a hash or a UID
 * cannot be known from the manifest, so any value is accepted for those.
 */
type Accepts = (value: string) => boolean;

const anyValue: Accepts = () => true;

function objectName(pod: PodTemplate): string {
  return asString(asRecord(pod.object.raw.metadata)?.name) ?? '';
}

/** The ordinals a StatefulSet's pods get: spec.ordinals.start (default 0) onwards, `replicas` of them. */
function ordinalInRange(pod: PodTemplate, value: string): boolean {
  if (!/^(0|[1-9][0-9]*)$/.test(value)) return false;
  const start = asRecord(asRecord(pod.object.raw.spec)?.ordinals)?.start;
  const first = typeof start === 'number' && Number.isInteger(start) && start >= 0 ? start : 0;
  const ordinal = Number(value);
  return ordinal >= first && ordinal < first + pod.replicas;
}

function statefulSetLabels(pod: PodTemplate): Record<string, Accepts> {
  const name = objectName(pod);
  return {
    'statefulset.kubernetes.io/pod-name': (value) =>
      value.startsWith(`${name}-`) && ordinalInRange(pod, value.slice(name.length + 1)),
    'apps.kubernetes.io/pod-index': (value) => ordinalInRange(pod, value),
    'controller-revision-hash': anyValue,
  };
}

/** Completion indexes of an Indexed Job: 0 … completions-1. */
function completionIndex(spec: Record<string, any> | undefined): Accepts {
  if (spec?.completionMode !== 'Indexed') return () => false;
  const completions = typeof spec.completions === 'number' ? spec.completions : 1;
  return (value) => /^(0|[1-9][0-9]*)$/.test(value) && Number(value) < completions;
}

function jobLabels(
  jobName: Accepts,
  spec: Record<string, any> | undefined,
): Record<string, Accepts> {
  return {
    'batch.kubernetes.io/job-name': jobName,
    'job-name': jobName,
    'batch.kubernetes.io/controller-uid': anyValue,
    'controller-uid': anyValue,
    'batch.kubernetes.io/job-completion-index': completionIndex(spec),
  };
}

function labelsFor(pod: PodTemplate): Record<string, Accepts> {
  const spec = asRecord(pod.object.raw.spec);
  const name = objectName(pod);
  switch (pod.kind) {
    case 'StatefulSet':
      return statefulSetLabels(pod);
    case 'Deployment':
      // The Deployment controller stamps its ReplicaSets' pods with their template's hash.
      return { 'pod-template-hash': anyValue };
    case 'DaemonSet':
      return { 'controller-revision-hash': anyValue, 'pod-template-generation': anyValue };
    case 'Job':
      return jobLabels((value) => value === name, spec);
    case 'CronJob':
      // Jobs of a CronJob are named <cronjob>-<scheduled time in minutes>.
      return jobLabels(
        (value) => value.startsWith(`${name}-`) && /^[0-9]+$/.test(value.slice(name.length + 1)),
        asRecord(asRecord(spec?.jobTemplate)?.spec),
      );
    default:
      return {};
  }
}

/**
 * The labels the pods of this template carry, counting those their controller adds. A label the
 * template sets itself wins (the controller does not overwrite it).
 */
export function podLabels(pod: PodTemplate): LabelView {
  const own = (key: string): boolean => Object.prototype.hasOwnProperty.call(pod.labels, key);
  const added = labelsFor(pod);
  return {
    has: (key) => own(key) || Object.hasOwn(added, key),
    is: (key, value) =>
      own(key) ? pod.labels[key] === value : Object.hasOwn(added, key) && added[key](value),
    varies: (key) => !own(key) && Object.hasOwn(added, key),
  };
}
