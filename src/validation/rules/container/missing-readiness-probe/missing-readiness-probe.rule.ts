import type { ReportFix } from '../../../engine/fix/edit.js';
import type { Rule, RuleContext } from '../../../engine/types.js';
import type {
  ContainerInfo,
  PortInfo,
  ServiceInfo,
  ServicePortInfo,
} from '../../../model/bundle-model.js';
import { modelOf } from '../../../model/bundle-model.js';
import { containerAnchor, describeContainer, describeObject } from '../../../model/describe.js';
import { asRecord } from '../../../model/json.js';
import { targetPortsIn } from '../../../model/service-ports.js';

function check(ctx: RuleContext): void {
  const model = modelOf(ctx);
  for (const pod of model.pods) {
    const routed = new Map<
      ContainerInfo,
      Array<{ service: ServiceInfo; servicePort: ServicePortInfo; port: number; info: PortInfo }>
    >();
    for (const service of model.servicesSelecting(pod)) {
      for (const servicePort of service.ports) {
        for (const port of targetPortsIn(pod, servicePort)) {
          const list = routed.get(port.container) ?? [];
          list.push({ service, servicePort, port: port.containerPort, info: port });
          routed.set(port.container, list);
        }
      }
    }
    for (const [container, routes] of routed) {
      if (asRecord(container.raw.readinessProbe)) continue;
      const via = [
        ...new Set(routes.map((r) => `${describeObject(r.service.object)} → port ${r.port}`)),
      ].join(', ');
      ctx.report({
        object: pod.object,
        ...containerAnchor(container),
        message: `${describeContainer(container)} receives Service traffic (${via}) but has no readinessProbe: it gets requests before it can serve them, and keeps getting them when it cannot`,
        related: routes.map((r) => ({
          object: r.service.object,
          path: [
            ...r.servicePort.path,
            r.servicePort.targetPort !== undefined ? 'targetPort' : 'port',
          ],
          message: `${describeObject(r.service.object)} routes here`,
        })),
        fix: probeFix(container, routes[0].info),
      });
    }
  }
}

/**
 * A suggestion (DESIGN §11: it changes when the pod receives traffic): a TCP check on the routed
 * port, by name when it has one. Only for TCP: a tcpSocket probe cannot check a UDP port.
 */
function probeFix(container: ContainerInfo, port: PortInfo): ReportFix | undefined {
  if (port.protocol !== 'TCP') return undefined;
  const target = port.name ?? port.containerPort;
  return {
    description: `Add a readinessProbe to container "${container.name}": a TCP check on port ${target} (an httpGet on a health endpoint tells more)`,
    safety: 'suggestion',
    edits: [
      {
        insert: container.path,
        key: 'readinessProbe',
        value: { tcpSocket: { port: target }, periodSeconds: 10 },
        after: 'ports',
      },
    ],
  };
}

export const containerMissingReadinessProbeRule: Rule = {
  id: 'container/missing-readiness-probe',
  title: 'Service-facing container without a readiness probe',
  severity: 'warning',
  category: 'container',
  patterns: ['service-clusterip', 'service-headless', 'sidecar-proxy'],
  description:
    'A Service sends traffic only to Ready pods, and without a readinessProbe a container counts as ready as soon as it starts. A container whose port a Service routes to then receives requests during start-up and while it is overloaded or broken. Containers no Service routes to are not flagged.',
  remediation:
    'Add a readinessProbe (httpGet on a health endpoint, or tcpSocket on the served port) to the container the Service targets.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-readiness-probes',
  ],
  check,
};
