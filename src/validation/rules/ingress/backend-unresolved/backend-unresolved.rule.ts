import { closeMatch, closePortName } from '../../../engine/fix/did-you-mean.js';
import type { ReportFix } from '../../../engine/fix/edit.js';
import type { JsonPath, ManifestObject, Rule, RuleContext } from '../../../engine/types.js';
import { modelOf, namespaceOf } from '../../../model/bundle-model.js';
import type { BundleModel, ServiceInfo } from '../../../model/bundle-model.types.js';
import { describeObject } from '../../../model/describe.js';
import { asArray, asRecord, asString } from '../../../model/json.js';

interface Backend {
  service: string;
  servicePath: JsonPath;
  port?: number | string;
  portPath?: JsonPath;
}

/** networking.k8s.io/v1 `backend.service {name, port {number|name}}`, or v1beta1 `serviceName/servicePort`. */
function backendOf(raw: unknown, path: JsonPath): Backend | undefined {
  const backend = asRecord(raw);
  if (!backend) return undefined;
  const service = asRecord(backend.service);
  const name = asString(service?.name);
  if (service && name !== undefined) {
    const port = asRecord(service.port);
    if (typeof port?.number === 'number')
      return {
        service: name,
        servicePath: [...path, 'service', 'name'],
        port: port.number,
        portPath: [...path, 'service', 'port', 'number'],
      };
    if (typeof port?.name === 'string')
      return {
        service: name,
        servicePath: [...path, 'service', 'name'],
        port: port.name,
        portPath: [...path, 'service', 'port', 'name'],
      };
    return { service: name, servicePath: [...path, 'service', 'name'] };
  }
  const legacy = asString(backend.serviceName);
  if (legacy !== undefined) {
    const sp = backend.servicePort;
    const port = typeof sp === 'number' || typeof sp === 'string' ? sp : undefined;
    return {
      service: legacy,
      servicePath: [...path, 'serviceName'],
      port,
      portPath: port === undefined ? undefined : [...path, 'servicePort'],
    };
  }
  return undefined;
}

function backendsOf(ingress: ManifestObject): Backend[] {
  const spec = asRecord(ingress.raw.spec);
  const out: Backend[] = [];
  for (const field of ['defaultBackend', 'backend']) {
    const b = backendOf(spec?.[field], ['spec', field]);
    if (b) out.push(b);
  }
  asArray(spec?.rules).forEach((rule, r) => {
    asArray(asRecord(asRecord(rule)?.http)?.paths).forEach((p, i) => {
      const b = backendOf(asRecord(p)?.backend, [
        'spec',
        'rules',
        r,
        'http',
        'paths',
        i,
        'backend',
      ]);
      if (b) out.push(b);
    });
  });
  return out;
}

function exposes(service: ServiceInfo, port: number | string | undefined): boolean {
  if (port === undefined) return true;
  return typeof port === 'number' || /^\d+$/.test(port)
    ? service.ports.some((p) => p.port === Number(port))
    : service.ports.some((p) => p.name === port);
}

/** Did you mean: the one Service of the namespace with a close name that has the backend's port. */
function serviceFix(services: readonly ServiceInfo[], b: Backend): ReportFix | undefined {
  const name = closeMatch(
    b.service,
    services.filter((s) => exposes(s, b.port)).map((s) => s.name),
  );
  if (name === undefined) return undefined;
  return {
    description: `Change the backend Service "${b.service}" to "${name}"`,
    safety: 'safe',
    edits: [{ set: b.servicePath, value: name }],
  };
}

/** Did you mean, for a port name: the one close name among the Service's ports. */
function portFix(service: ServiceInfo, b: Backend): ReportFix | undefined {
  if (typeof b.port !== 'string' || /^\d+$/.test(b.port) || !b.portPath) return undefined;
  const names = service.ports.map((p) => p.name).filter((n): n is string => n !== undefined);
  const name = closePortName(b.port, names);
  if (name === undefined) return undefined;
  return {
    description: `Change the backend port "${b.port}" to "${name}", a port of Service ${service.name}`,
    safety: 'safe',
    edits: [{ set: b.portPath, value: name }],
  };
}

function checkBackend(
  ctx: RuleContext,
  model: BundleModel,
  ingress: ManifestObject,
  b: Backend,
): void {
  const namespace = namespaceOf(ingress);
  const what = describeObject(ingress);
  const service = model.services.find((s) => s.namespace === namespace && s.name === b.service);
  if (!service) {
    ctx.report({
      object: ingress,
      path: b.servicePath,
      message: `${what} routes to Service ${b.service}, which the bundle does not have in namespace ${namespace}`,
      missingReference: true,
      fix: serviceFix(
        model.services.filter((s) => s.namespace === namespace),
        b,
      ),
    });
    return;
  }
  if (b.port === undefined || b.portPath === undefined) return;
  const port = b.port;
  if (exposes(service, port)) return;
  const exposed =
    service.ports
      .map((p) => (p.name ? `${p.name} (${p.port ?? '?'})` : String(p.port ?? '?')))
      .join(', ') || 'none';
  ctx.report({
    object: ingress,
    path: b.portPath,
    message: `${what} routes to port ${JSON.stringify(port)} of Service ${service.name}, which exposes no such port (ports: ${exposed})`,
    related: [
      {
        object: service.object,
        path: ['spec', 'ports'],
        message: `ports of Service ${service.name}`,
      },
    ],
    fix: portFix(service, b),
  });
}

function check(ctx: RuleContext): void {
  const model = modelOf(ctx);
  for (const ingress of ctx.byKind('Ingress')) {
    for (const backend of backendsOf(ingress)) checkBackend(ctx, model, ingress, backend);
  }
}

export const ingressBackendUnresolvedRule: Rule = {
  id: 'ingress/backend-unresolved',
  title: 'Ingress backend names a missing Service or port',
  severity: 'error',
  category: 'ingress',
  patterns: ['service-clusterip', 'sidecar-proxy'],
  description:
    'An Ingress backend names a Service of its own namespace and one of its ports, by number or by name. When the Service or the port does not exist the controller answers 503 for that path.',
  remediation:
    'Name an existing Service of the same namespace, and one of its spec.ports by `port` number or by `name` (not the targetPort or containerPort).',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource',
  ],
  check,
};
