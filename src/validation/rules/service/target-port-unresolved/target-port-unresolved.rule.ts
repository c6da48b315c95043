import type { ReportFix } from '../../../engine/fix/edit.js';
import { closePortName } from '../../../engine/fix/did-you-mean.js';
import type { RelatedReport, Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import type { PodTemplate, ServicePortInfo } from '../../../model/bundle-model.types.js';
import { describeObject } from '../../../model/describe.js';
import {
  effectiveTarget,
  listPorts,
  routedPorts,
  targetPath,
} from '../../../model/service-routing.js';

function related(pods: PodTemplate[]): RelatedReport[] {
  return pods.flatMap((pod) =>
    pod.containers
      .filter((c) => c.ports.length > 0)
      .map((c) => ({
        object: pod.object,
        path: [...c.path, 'ports'],
        message: `ports of container "${c.name}"`,
      })),
  );
}

/**
 * Did you mean: a named targetPort one edit or a case away from a port name that every selected
 * pod declares with the protocol. Only when no selected pod resolves the current name, so the
 * rename breaks no pod that works today.
 */
function targetFix(port: ServicePortInfo, pods: PodTemplate[], missing: PodTemplate[]) {
  const target = port.targetPort;
  if (typeof target !== 'string' || missing.length !== pods.length) return undefined;
  const namesOf = (pod: PodTemplate): Set<string> =>
    new Set(
      pod.containers.flatMap((c) =>
        c.ports.filter((p) => p.name && p.protocol === port.protocol).map((p) => p.name as string),
      ),
    );
  const [first, ...others] = pods.map(namesOf);
  const common = [...first].filter((name) => others.every((names) => names.has(name)));
  const name = closePortName(target, common);
  if (name === undefined) return undefined;
  const fix: ReportFix = {
    description: `Change targetPort "${target}" to "${name}", the port the selected pods declare`,
    safety: 'safe',
    edits: [{ set: [...port.path, 'targetPort'], value: name }],
  };
  return fix;
}

function check(ctx: RuleContext): void {
  for (const service of modelOf(ctx).services) {
    if (service.pods.length === 0) continue;
    for (const port of service.ports) {
      const target = effectiveTarget(port);
      if (target === undefined) continue;
      const missing = service.pods.filter((pod) => routedPorts(pod, port).length === 0);
      if (missing.length === 0) continue;
      const existing = listPorts(missing.flatMap((p) => p.containers.flatMap((c) => c.ports)));
      const where = missing.map((p) => describeObject(p.object)).join(', ');
      const named = typeof target === 'string' && !/^\d+$/.test(target);
      const shown =
        port.targetPort === undefined
          ? `port ${target} (no targetPort: it defaults to port)`
          : `targetPort ${JSON.stringify(target)}`;
      ctx.report({
        object: service.object,
        path: targetPath(port),
        severity: named ? 'error' : 'warning',
        message: named
          ? `${shown} of Service ${service.name} matches no ${port.protocol} containerPort named "${target}" in the pods it selects (${where}); ports that exist: ${existing}. Those pods get no endpoints for this port`
          : `${shown} of Service ${service.name} matches no ${port.protocol} containerPort ${target} declared in the pods it selects (${where}); ports that exist: ${existing}`,
        related: related(missing),
        fix: named ? targetFix(port, service.pods, missing) : undefined,
      });
    }
  }
}

export const serviceTargetPortUnresolvedRule: Rule = {
  id: 'service/target-port-unresolved',
  title: 'Service targetPort matches no container port',
  severity: 'error',
  category: 'service',
  patterns: ['service-clusterip', 'service-headless', 'sidecar-proxy', 'message-broker'],
  description:
    'A named targetPort is looked up by name and protocol among the container ports of each selected pod (all containers of the pod, native sidecars included); a pod where it does not resolve is silently left out of the endpoints. A numeric targetPort that no container declares may still work (ports need not be declared), so it is only a warning.',
  remediation:
    'Point targetPort at a containerPort name (or number) that the serving container declares, with the same protocol; in the sidecar-proxy pattern that is the proxy port, not the app port.',
  references: [
    'https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec',
    'https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports',
  ],
  check,
};
