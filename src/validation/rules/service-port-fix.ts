import type { ReportFix } from '../engine/fix/edit.js';
import type { JsonPath } from '../engine/types.js';
import type { ServiceInfo } from '../model/bundle-model.types.js';
import { routedPorts } from '../model/service-routing.js';

/**
 * A reference to a Service port by number (a route's backendRef or parentRef, an Istio
 * destination) where the usual mistake is the container port behind it: when exactly one port of
 * the Service forwards to `port` — its numeric targetPort, or a named one that is that
 * containerPort in every selected pod — that port is what was meant.
 */
export function servicePortFix(
  service: ServiceInfo,
  port: number,
  path: JsonPath,
  allowed: (port: number) => boolean = () => true,
): ReportFix | undefined {
  const forwarding = service.ports.filter(
    (p) =>
      p.port !== undefined &&
      allowed(p.port) &&
      (p.targetPort === port ||
        (typeof p.targetPort === 'string' &&
          service.pods.length > 0 &&
          service.pods.every((pod) => routedPorts(pod, p).some((c) => c.containerPort === port)))),
  );
  if (forwarding.length !== 1) return undefined;
  const target = forwarding[0].port as number;
  return {
    description: `Change port ${port} to ${target}, the port of Service ${service.name} that forwards to ${port}`,
    safety: 'safe',
    edits: [{ set: path, value: target }],
  };
}
