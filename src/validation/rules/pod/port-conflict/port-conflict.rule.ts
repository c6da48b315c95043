import type { Rule, RuleContext } from '../../../engine/types.js';
import type { PortInfo } from '../../../model/bundle-model.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describePod } from '../../../model/describe.js';

/** ` (as "http" and "https")` when both declarations are named. */
function asNames(first: PortInfo, second: PortInfo): string {
  return first.name && second.name ? ` (as "${first.name}" and "${second.name}")` : '';
}

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    const seen = new Map<string, PortInfo>();
    for (const container of pod.containers) {
      // Plain init containers run to completion, one at a time, before the others bind anything.
      if (container.role === 'init') continue;
      for (const port of container.ports) {
        const key = `${port.containerPort}/${port.protocol}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, port);
          continue;
        }
        if (first.container === container) {
          // One container, one process: declaring a port twice (ingress-nginx lists 80 as "http"
          // and again as "https") binds nothing twice. The API server only warns, in these words.
          ctx.report({
            object: pod.object,
            path: [...port.path, 'containerPort'],
            severity: 'warning',
            message: `duplicate port definition: containerPort ${key} is declared twice by container "${container.name}"${asNames(first, port)} in ${describePod(pod)}; the API server warns about it, but one process binds the port once`,
            related: [
              {
                object: pod.object,
                path: [...first.path, 'containerPort'],
                message: `first declared here${first.name ? ` as "${first.name}"` : ''}`,
              },
            ],
          });
          continue;
        }
        ctx.report({
          object: pod.object,
          path: [...port.path, 'containerPort'],
          message: `containerPort ${key} is declared by containers "${first.container.name}" and "${container.name}" in ${describePod(pod)}: the containers of a pod share one network namespace, so only one of them can bind it`,
          related: [
            {
              object: pod.object,
              path: [...first.path, 'containerPort'],
              message: `first declared by container "${first.container.name}"`,
            },
          ],
        });
      }
    }
  }
}

export const podPortConflictRule: Rule = {
  id: 'pod/port-conflict',
  title: 'Two containers of a pod declare the same port',
  severity: 'error',
  category: 'pod',
  patterns: ['pod-localhost', 'sidecar-proxy'],
  description:
    'All containers of a pod, native sidecars included, share one IP and one port space. Two declarations of the same containerPort and protocol mean two processes trying to bind one socket: the second bind() fails at runtime. The API server only warns ("duplicate port definition"). One container declaring the same port twice (under two names) is one process binding it once: that is only a warning.',
  remediation:
    'Give each container its own port (e.g. the proxy on 8443, the app on 127.0.0.1:8080) and point Services at the right one.',
  references: [
    'https://kubernetes.io/docs/concepts/workloads/pods/#pod-networking',
    'https://github.com/kubernetes/kubernetes/pull/113245',
  ],
  check,
};
