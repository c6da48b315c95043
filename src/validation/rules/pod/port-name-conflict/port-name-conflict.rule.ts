import type { Rule, RuleContext } from '../../../engine/types.js';
import type { PortInfo } from '../../../model/bundle-model.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describePod } from '../../../model/describe.js';

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    const seen = new Map<string, PortInfo>();
    for (const container of pod.containers) {
      if (container.role === 'init') continue;
      for (const port of container.ports) {
        if (port.name === undefined || port.name === '') continue;
        const first = seen.get(port.name);
        if (!first) {
          seen.set(port.name, port);
          continue;
        }
        const sameContainer = first.container === container;
        ctx.report({
          object: pod.object,
          path: [...port.path, 'name'],
          // Within one container the API server rejects the duplicate; across containers it only warns.
          severity: sameContainer ? 'error' : undefined,
          message: sameContainer
            ? `port name "${port.name}" is declared twice in container "${container.name}" of ${describePod(pod)} (ports ${first.containerPort} and ${port.containerPort}): the API server rejects it`
            : `port name "${port.name}" is declared by containers "${first.container.name}" (port ${first.containerPort}) and "${container.name}" (port ${port.containerPort}) of ${describePod(pod)}: a Service targetPort or probe naming it becomes ambiguous`,
          related: [
            {
              object: pod.object,
              path: [...first.path, 'name'],
              message: `first declared by container "${first.container.name}"`,
            },
          ],
        });
      }
    }
  }
}

export const podPortNameConflictRule: Rule = {
  id: 'pod/port-name-conflict',
  title: 'Two containers of a pod declare the same port name',
  severity: 'warning',
  category: 'pod',
  patterns: ['sidecar-proxy'],
  description:
    'Port names are meant to be unique within the pod: a Service with a named targetPort resolves the name against the ports of all containers, and two containers claiming one name make the target depend on container order. The API server only validates uniqueness per container (a duplicate there is an error).',
  remediation:
    'Give each port a distinct name, e.g. `http` for the proxy and `app-http` for the application.',
  references: [
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports',
    'https://github.com/kubernetes/kubernetes/pull/122170',
  ],
  check,
};
