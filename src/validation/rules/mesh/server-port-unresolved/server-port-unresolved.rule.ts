import type { Rule, RuleContext } from '../../../engine/types.js';
import type { PodTemplate, PortInfo } from '../../../model/bundle-model.types.js';
import { describePod } from '../../../model/describe.js';
import { asRecord, isPortNumber } from '../../../model/json.js';
import { meshResources } from '../../../model/mesh/resources.js';
import { istioPolicyTargets, linkerdServerPods } from '../../../model/mesh/workloads.js';
import { listPorts } from '../../../model/service-routing.js';
import { portLevelKeyFix, serverPortFix } from './port-fix.js';

/** Ports of long-running containers (native sidecars included): what a proxy can serve inbound. */
function servingPorts(pods: readonly PodTemplate[]): PortInfo[] {
  return pods.flatMap((p) => p.containers.filter((c) => c.role !== 'init').flatMap((c) => c.ports));
}

function checkLinkerd(ctx: RuleContext): void {
  for (const server of meshResources(ctx).linkerd('Server')) {
    const pods = linkerdServerPods(ctx, server);
    if (!pods || pods.length === 0) continue; // mesh/policy-selects-nothing says so
    const port = server.spec.port;
    const ports = servingPorts(pods);
    const declared =
      typeof port === 'string'
        ? ports.some((p) => p.name === port)
        : isPortNumber(port)
          ? ports.some((p) => p.containerPort === port)
          : true;
    if (declared) continue;
    ctx.report({
      object: server.object,
      path: ['spec', 'port'],
      message: `Server ${server.namespace}/${server.name} is for port ${typeof port === 'string' ? `"${port}"` : port}, which no container of ${pods
        .slice(0, 3)
        .map(describePod)
        .join(
          ', ',
        )} declares (ports: ${listPorts(ports)}): Linkerd only matches ports of the pod spec, so the Server governs nothing`,
      related: pods.slice(0, 3).map((p) => ({ object: p.object, path: p.specPath })),
      fix: serverPortFix(ctx, pods, ports, port),
    });
  }
}

function checkIstio(ctx: RuleContext): void {
  for (const policy of meshResources(ctx).istio('PeerAuthentication')) {
    const levels = asRecord(policy.spec.portLevelMtls);
    if (!levels) continue;
    const targets = istioPolicyTargets(ctx, policy);
    if (!targets || targets.pods.length === 0) continue;
    const ports = servingPorts(targets.pods);
    for (const key of Object.keys(levels)) {
      const number = Number(key);
      if (!Number.isInteger(number) || ports.some((p) => p.containerPort === number)) continue;
      // Istio does not need the port declared: a warning, not an error (the sidecar may still see it).
      ctx.report({
        object: policy.object,
        path: ['spec', 'portLevelMtls', key],
        at: 'key',
        severity: 'warning',
        message: `portLevelMtls of PeerAuthentication ${policy.namespace}/${policy.name} sets port ${key}, which no container of ${targets.pods
          .slice(0, 3)
          .map(describePod)
          .join(
            ', ',
          )} declares (ports: ${listPorts(ports)}): check the workload port (portLevelMtls keys are container ports, not Service ports)`,
        fix: portLevelKeyFix(ctx, targets.pods, key, Object.keys(levels)),
      });
    }
  }
}

function check(ctx: RuleContext): void {
  checkLinkerd(ctx);
  checkIstio(ctx);
}

export const meshServerPortUnresolvedRule: Rule = {
  id: 'mesh/server-port-unresolved',
  title: 'Mesh policy port not declared',
  severity: 'error',
  category: 'mesh',
  patterns: ['service-mesh'],
  description:
    'A Linkerd Server describes one port (by number or name) of the pods its podSelector selects; Linkerd only considers ports that the pod spec declares, so a port no selected container declares leaves the Server governing nothing and the real port under the default policy. An Istio PeerAuthentication `portLevelMtls` key is a workload (container) port; one that no selected container declares is usually a Service port written by mistake (reported as a warning: Istio does not need the declaration).',
  remediation:
    'Use a containerPort number or port name that a selected container declares (for Istio portLevelMtls: the targetPort, not the Service port).',
  references: [
    'https://linkerd.io/2/reference/authorization-policy/#server',
    'https://istio.io/latest/docs/reference/config/security/peer_authentication/',
  ],
  check,
};
