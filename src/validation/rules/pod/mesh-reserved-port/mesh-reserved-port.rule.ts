import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeContainer } from '../../../model/describe.js';

/** Ports the Istio sidecar (and ztunnel's HBONE) reserves inside the pod. */
export const ISTIO_RESERVED_PORTS: ReadonlyMap<number, string> = new Map([
  [15000, 'Envoy admin'],
  [15001, 'Envoy outbound capture'],
  [15004, 'debug'],
  [15006, 'Envoy inbound capture'],
  [15008, 'HBONE mTLS tunnel'],
  [15009, 'HBONE (secure networks)'],
  [15020, 'merged Prometheus telemetry'],
  [15021, 'health checks'],
  [15053, 'DNS proxy'],
  [15090, 'Envoy Prometheus telemetry'],
]);

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const container of pod.containers) {
      // The mesh's own proxy declares these ports legitimately.
      if (container.name === 'istio-proxy' || /istio\/proxyv2/.test(container.image ?? ''))
        continue;
      for (const port of container.ports) {
        const use = ISTIO_RESERVED_PORTS.get(port.containerPort);
        if (!use) continue;
        ctx.report({
          object: pod.object,
          path: [...port.path, 'containerPort'],
          message: `${describeContainer(container)} declares port ${port.containerPort}, which the Istio sidecar reserves (${use}): in a meshed pod the two collide`,
        });
      }
    }
  }
}

export const podMeshReservedPortRule: Rule = {
  id: 'pod/mesh-reserved-port',
  title: 'Container port reserved by the Istio sidecar',
  severity: 'warning',
  category: 'pod',
  patterns: ['service-mesh'],
  description:
    'Istio injects a proxy into each meshed pod that binds 15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053 and 15090. An application container on one of those ports collides with the proxy (one network namespace per pod) once the pod joins the mesh.',
  remediation: 'Move the application to a port outside 15000–15090.',
  references: [
    'https://istio.io/latest/docs/ops/deployment/application-requirements/#ports-used-by-istio',
  ],
  check,
};
