import { closeMatch, closePortName } from '../../engine/fix/did-you-mean.js';
import type { ReportFix } from '../../engine/fix/edit.js';
import type { JsonPath } from '../../engine/types.js';
import type { ServiceInfo } from '../../model/bundle-model.types.js';

/** What a route's backendRef or GAMMA parentRef asks of the Service it names. */
export interface ServiceRefWants {
  name: string;
  namespace: string;
  port?: number;
  /** A GAMMA parentRef's sectionName: the name of a Service port. */
  portName?: string;
}

function satisfies(service: ServiceInfo, wants: ServiceRefWants): boolean {
  if (wants.port !== undefined && !service.ports.some((p) => p.port === wants.port)) return false;
  return wants.portName === undefined || service.ports.some((p) => p.name === wants.portName);
}

/**
 * Did you mean, for a Service a route names: the one Service of the namespace with a close name
 * (did-you-mean.ts) that also has the port the reference asks for, so the fixed reference
 * resolves completely.
 */
export function serviceNameFix(
  services: readonly ServiceInfo[],
  wants: ServiceRefWants,
  path: JsonPath,
): ReportFix | undefined {
  const name = closeMatch(
    wants.name,
    services
      .filter((s) => s.namespace === wants.namespace && satisfies(s, wants))
      .map((s) => s.name),
  );
  if (name === undefined) return undefined;
  return {
    description: `Change the Service "${wants.name}" to "${name}", a Service of namespace ${wants.namespace}`,
    safety: 'safe',
    edits: [{ set: path, value: name }],
  };
}

/** Did you mean, for a GAMMA parentRef's sectionName: the one close port name of the Service. */
export function servicePortNameFix(
  service: ServiceInfo,
  name: string,
  port: number | undefined,
  path: JsonPath,
  allowed: (name: string) => boolean = () => true,
): ReportFix | undefined {
  const names = service.ports
    .filter((p) => port === undefined || p.port === port)
    .map((p) => p.name)
    .filter((n): n is string => n !== undefined && allowed(n));
  const match = closePortName(name, names);
  if (match === undefined) return undefined;
  return {
    description: `Change sectionName "${name}" to "${match}", a port of Service ${service.name}`,
    safety: 'safe',
    edits: [{ set: path, value: match }],
  };
}
