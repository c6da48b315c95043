import type { JsonPath } from '../engine/types.js';
import type { PodTemplate, PortInfo, ServiceInfo, ServicePortInfo } from './bundle-model.types.js';
import { targetPortsIn } from './service-ports.js';

/** The targetPort the Service really uses: `targetPort`, else `port` (Kubernetes defaulting). */
export function effectiveTarget(port: ServicePortInfo): number | string | undefined {
  return port.targetPort ?? port.port;
}

/** Where to point at a Service port's target: the targetPort value, else the port value, else the item. */
export function targetPath(port: ServicePortInfo): JsonPath {
  if (port.targetPort !== undefined) return [...port.path, 'targetPort'];
  if (port.port !== undefined) return [...port.path, 'port'];
  return port.path;
}

/** The container ports of one pod a Service port routes to (see targetPortsIn). */
export function routedPorts(pod: PodTemplate, port: ServicePortInfo): PortInfo[] {
  return targetPortsIn(pod, port);
}

/** `http 8080/TCP (container "app")`, for messages that list the ports that do exist. */
export function describePort(p: PortInfo): string {
  return `${p.name ? `${p.name} ` : ''}${p.containerPort}/${p.protocol} (container "${p.container.name}")`;
}

export function listPorts(ports: readonly PortInfo[]): string {
  return ports.length === 0 ? 'none' : ports.map(describePort).join(', ');
}

/** The services of a pod with the ports that reach it. */
export function serviceRoutes(
  services: readonly ServiceInfo[],
  pod: PodTemplate,
): Array<{ service: ServiceInfo; port: ServicePortInfo; targets: PortInfo[] }> {
  const out: Array<{ service: ServiceInfo; port: ServicePortInfo; targets: PortInfo[] }> = [];
  for (const service of services) {
    if (!service.pods.includes(pod)) continue;
    for (const port of service.ports) out.push({ service, port, targets: routedPorts(pod, port) });
  }
  return out;
}
