import type { Rule, RuleContext } from '../../../engine/types.js';
import type { ContainerInfo } from '../../../model/bundle-model.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describePod } from '../../../model/describe.js';

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    const seen = new Map<string, ContainerInfo>();
    for (const container of pod.containers) {
      if (container.name === '') continue;
      const first = seen.get(container.name);
      if (!first) {
        seen.set(container.name, container);
        continue;
      }
      ctx.report({
        object: pod.object,
        path: [...container.path, 'name'],
        message: `container name "${container.name}" is used twice in ${describePod(pod)}: names must be unique across containers and initContainers`,
        related: [
          { object: pod.object, path: [...first.path, 'name'], message: 'first declared here' },
        ],
      });
    }
  }
}

export const podDuplicateContainerNameRule: Rule = {
  id: 'pod/duplicate-container-name',
  title: 'Container name repeats within a pod',
  severity: 'error',
  category: 'pod',
  patterns: [],
  description:
    'Container names must be unique across containers, init containers (native sidecars included) and ephemeral containers of one pod. The API server rejects the pod otherwise; logs, probes and `kubectl exec -c` address containers by name.',
  remediation: 'Rename one of the containers.',
  references: [
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container',
  ],
  check,
};
