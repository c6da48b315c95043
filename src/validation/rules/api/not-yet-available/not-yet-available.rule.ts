import { minorOf, NATIVE_SIDECARS_MINOR } from '../../../../kubernetes/releases.js';
import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeContainer } from '../../../model/describe.js';
import { reportSchemaIssues } from '../../schema/report-schema-issues.js';
import { gvk, objectApiStatus } from '../api-status.js';

function check(ctx: RuleContext): void {
  const release = ctx.options.kubernetesVersion;
  for (const object of ctx.objects) {
    const status = objectApiStatus(object, release);
    if (status?.status !== 'not-yet-available') continue;
    ctx.report({
      object,
      path: ['apiVersion'],
      message: `${gvk(object)} is not available in Kubernetes ${release}: it is served from ${status.addedIn}`,
    });
  }
  // Fields: the schema walk marks fields that only a later release's definition has.
  reportSchemaIssues(ctx, 'api/not-yet-available');
  if (minorOf(release) < NATIVE_SIDECARS_MINOR) nativeSidecars(ctx);
}

/**
 * Before 1.29 the SidecarContainers feature gate is off by default: the API server drops an init
 * container's restartPolicy, so the "sidecar" runs as a plain init container that never exits and
 * the pod never leaves Init (https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/).
 */
function nativeSidecars(ctx: RuleContext): void {
  const release = ctx.options.kubernetesVersion;
  for (const pod of modelOf(ctx).pods) {
    for (const container of pod.containers) {
      if (container.role !== 'sidecar') continue;
      ctx.report({
        object: pod.object,
        path: [...container.path, 'restartPolicy'],
        message: `${describeContainer(container)} (an init container with restartPolicy: Always) needs Kubernetes 1.29: in ${release} the SidecarContainers feature is off by default, the API server drops restartPolicy and the init container never exits, so the pod never leaves Init; run it as a regular container or target 1.29 or later`,
      });
    }
  }
}

export const apiNotYetAvailableRule: Rule = {
  id: 'api/not-yet-available',
  title: 'Kind, apiVersion or field newer than the target release',
  severity: 'error',
  category: 'api',
  patterns: [],
  description:
    'The object uses a kind, apiVersion or field that the target Kubernetes release does not have yet (for example Service `spec.trafficDistribution` before 1.30): the API server of that release rejects the kind, and drops or rejects the field. Computed from the OpenAPI spec of every supported release: the first release whose definition has it. ' +
    'A native sidecar (an init container with `restartPolicy: Always`) below 1.29 counts too: the feature is off by default there and the pod never leaves Init.',
  remediation:
    'Remove the field or use an apiVersion the target release serves, or set `kubernetesVersion` to the release the cluster really runs (the message names the release that adds it).',
  references: [
    'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
    'https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/',
  ],
  check,
};
