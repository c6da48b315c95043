import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeContainer, describeObject } from '../../../model/describe.js';

const ALWAYS_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'DeploymentConfig',
]);
const JOB_KINDS = new Set(['Job', 'CronJob']);

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const container of pod.containers) {
      const policy = container.raw.restartPolicy;
      if (policy === undefined || policy === null) continue;
      const path = [...container.path, 'restartPolicy'];
      if (container.role === 'container') {
        ctx.report({
          object: pod.object,
          path,
          message: `restartPolicy ${JSON.stringify(policy)} is set on regular ${describeContainer(container)}: only init containers take a restartPolicy (Always makes a native sidecar)`,
          // A suggestion: the author may have meant a native sidecar (an init container) instead.
          fix: {
            description: `Remove restartPolicy from container "${container.name}" (a regular container follows the pod's policy)`,
            safety: 'suggestion',
            edits: [{ remove: path }],
          },
        });
      } else if (policy !== 'Always') {
        ctx.report({
          object: pod.object,
          path,
          message: `restartPolicy ${JSON.stringify(policy)} on ${describeContainer(container)} is invalid: an init container accepts only "Always" (a native sidecar)`,
        });
      }
    }
    // The controllers constrain the pod-level policy too; the API server rejects the others.
    const podPolicy = pod.spec.restartPolicy;
    if (typeof podPolicy !== 'string') continue;
    const path = [...pod.specPath, 'restartPolicy'];
    if (ALWAYS_KINDS.has(pod.kind) && podPolicy !== 'Always') {
      ctx.report({
        object: pod.object,
        path,
        message: `${describeObject(pod.object)} sets restartPolicy "${podPolicy}" on its pod template: a ${pod.kind} only accepts "Always"`,
        // Safe: the one value the API server accepts for this kind.
        fix: {
          description: 'Set restartPolicy to Always',
          safety: 'safe',
          edits: [{ set: path, value: 'Always' }],
        },
      });
    } else if (JOB_KINDS.has(pod.kind) && podPolicy === 'Always') {
      ctx.report({
        object: pod.object,
        path,
        message: `${describeObject(pod.object)} sets restartPolicy "Always" on its pod template: a Job needs "OnFailure" or "Never"`,
        // OnFailure is the closer of the two to Always (failed containers restart in place).
        fix: {
          description:
            'Set restartPolicy to OnFailure (or Never, to let the Job start new pods instead)',
          safety: 'suggestion',
          edits: [{ set: path, value: 'OnFailure' }],
        },
      });
    }
  }
}

export const podInvalidRestartPolicyRule: Rule = {
  id: 'pod/invalid-restart-policy',
  title: 'restartPolicy where the API server does not accept it',
  severity: 'error',
  category: 'pod',
  patterns: ['sidecar-proxy'],
  description:
    'A container-level restartPolicy is only valid on init containers, and only with the value Always (which turns the init container into a native sidecar). Regular containers may not set it. At pod level, Deployments, StatefulSets, DaemonSets and ReplicaSets require Always, Jobs forbid it.',
  remediation:
    'To run a sidecar, move it to initContainers with `restartPolicy: Always` (Kubernetes ≥ 1.29). Remove restartPolicy from regular containers.',
  references: [
    'https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/',
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy',
  ],
  check,
};
