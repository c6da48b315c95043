import { closePortName } from '../../../engine/fix/did-you-mean.js';
import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeContainer } from '../../../model/describe.js';
import { asRecord } from '../../../model/json.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const container of pod.containers) {
      for (const probe of PROBES) {
        for (const handler of HANDLERS) {
          const port = asRecord(asRecord(container.raw[probe])?.[handler])?.port;
          // Numeric ports reach whatever listens in the pod's network namespace; the kubelet also
          // accepts a number written as a string.
          if (typeof port !== 'string' || /^\d+$/.test(port)) continue;
          const own = container.ports.find((p) => p.name === port);
          if (own && own.protocol !== 'TCP') {
            // The name resolves, but httpGet and tcpSocket probes connect over TCP.
            ctx.report({
              object: pod.object,
              path: [...container.path, probe, handler, 'port'],
              message: `${probe} of ${describeContainer(container)} names port "${port}", which is ${own.containerPort}/${own.protocol}: ${handler === 'httpGet' ? 'an' : 'a'} ${handler} probe connects over TCP and cannot reach it`,
              related: [
                {
                  object: pod.object,
                  path: [...own.path, 'protocol'],
                  message: `declared as ${own.protocol}`,
                },
              ],
            });
            continue;
          }
          if (own) continue;
          const path = [...container.path, probe, handler, 'port'];
          const sibling = pod
            .portsByName(port)
            .find((p) => p.container !== container && p.container.role !== 'init');
          if (sibling) {
            // The pod shares one network, but the kubelet resolves a probe's port *name* only among
            // the probing container's own ports (pkg/probe ResolveContainerPort): the probe errors.
            ctx.report({
              object: pod.object,
              path,
              message: `${probe} of ${describeContainer(container)} names port "${port}", which only sibling container "${sibling.container.name}" declares (${sibling.containerPort}): the kubelet resolves probe port names in the probing container only, so the probe fails; use the number ${sibling.containerPort} (the pod shares one network)`,
              related: [
                {
                  object: pod.object,
                  path: [...sibling.path, 'name'],
                  message: `declared by container "${sibling.container.name}"`,
                },
              ],
            });
            continue;
          }
          const declared = pod.containers.flatMap((c) =>
            c.ports.filter((p) => p.name).map((p) => `"${p.name}"`),
          );
          // Did you mean one of the probing container's own TCP port names (where the kubelet looks).
          const ownNames = container.ports
            .filter((p) => p.name && p.protocol === 'TCP')
            .map((p) => p.name as string);
          const meant = closePortName(port, ownNames);
          ctx.report({
            object: pod.object,
            path,
            message: `${probe} of ${describeContainer(container)} names port "${port}", which no container of the pod declares (declared names: ${declared.length > 0 ? [...new Set(declared)].join(', ') : 'none'})`,
            fix: meant
              ? {
                  description: `Change the ${probe} port "${port}" to "${meant}", a port of container "${container.name}"`,
                  safety: 'safe',
                  edits: [{ set: path, value: meant }],
                }
              : undefined,
          });
        }
      }
    }
  }
}

export const containerProbePortUnresolvedRule: Rule = {
  id: 'container/probe-port-unresolved',
  title: 'Probe names a port that does not resolve',
  severity: 'error',
  category: 'container',
  patterns: [],
  description:
    "A probe's httpGet or tcpSocket port given by name must match a named TCP containerPort, otherwise the kubelet cannot run the probe and the container never becomes ready (readiness) or is restarted (liveness). The pod shares one network namespace, so a numeric port served by a sibling container is fine and numeric ports are not flagged; a port *name* however is looked up only in the probing container's own ports, so a name only a sibling declares is flagged with the number to use instead.",
  remediation:
    "Declare the named port on the probing container, fix the name, or use the port number (which may be a sibling's port).",
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#use-a-named-port',
    'https://github.com/kubernetes/kubernetes/blob/master/pkg/probe/util.go',
  ],
  check,
};
