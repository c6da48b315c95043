import type { PodTemplate, PortInfo, ServicePortInfo } from './bundle-model.types.js';

/**
 * The container ports a Service port reaches in one pod template. A named targetPort resolves by
 * name and protocol, a numeric one by number and protocol; an absent targetPort means `port`.
 * Plain init containers are never endpoints (they have exited by the time the pod is ready);
 * native sidecars are.
 */
export function targetPortsIn(pod: PodTemplate, servicePort: ServicePortInfo): PortInfo[] {
  const target = servicePort.targetPort ?? servicePort.port;
  if (target === undefined) return [];
  const serving = pod.containers.filter((c) => c.role !== 'init');
  if (typeof target === 'number') {
    return serving.flatMap((c) =>
      c.ports.filter((p) => p.containerPort === target && p.protocol === servicePort.protocol),
    );
  }
  return serving.flatMap((c) =>
    c.ports.filter((p) => p.name === target && p.protocol === servicePort.protocol),
  );
}
