import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeObject } from '../../../model/describe.js';
import { routesOf } from '../../../model/routes/routes-model.js';
import { servicePortFix } from '../../service-port-fix.js';
import { serviceNameFix } from '../service-ref-fix.js';

function check(ctx: RuleContext): void {
  const model = modelOf(ctx);
  for (const route of routesOf(ctx).routes) {
    const what = describeObject(route.object);
    for (const ref of route.backendRefs) {
      // Other kinds (ServiceImport, implementation-specific backends) are not ours to resolve.
      if (ref.group !== '' || ref.kind !== 'Service') continue;
      const service = model.services.find(
        (s) => s.namespace === ref.namespace && s.name === ref.name,
      );
      if (!service) {
        ctx.report({
          object: route.object,
          path: [...ref.path, 'name'],
          message: `${what} sends traffic to Service ${ref.name}, which the bundle does not have in namespace ${ref.namespace}: the implementation answers 500 for that share of the traffic`,
          missingReference: true,
          // Across namespaces a ReferenceGrant may name the Service: another name needs its own.
          fix: ref.crossNamespace
            ? undefined
            : serviceNameFix(model.services, ref, [...ref.path, 'name']),
        });
        continue;
      }
      // A Service backendRef without a port is refused by the CRD's own validation rule.
      if (ref.port === undefined || service.ports.some((p) => p.port === ref.port)) continue;
      const exposed =
        service.ports
          .map((p) => (p.name ? `${p.name} (${p.port ?? '?'})` : String(p.port ?? '?')))
          .join(', ') || 'none';
      ctx.report({
        object: route.object,
        path: [...ref.path, 'port'],
        message: `${what} sends traffic to port ${ref.port} of Service ${ref.namespace}/${ref.name}, which exposes no such port (ports: ${exposed}); a backendRef port is the Service port, not the targetPort`,
        related: [
          {
            object: service.object,
            path: ['spec', 'ports'],
            message: `ports of Service ${service.name}`,
          },
        ],
        fix: servicePortFix(service, ref.port, [...ref.path, 'port']),
      });
    }
  }
}

export const routeBackendUnresolvedRule: Rule = {
  id: 'route/backend-unresolved',
  title: 'Route backendRef names a missing Service or Service port',
  severity: 'error',
  category: 'route',
  patterns: [],
  description:
    'An HTTPRoute, GRPCRoute, TCPRoute, TLSRoute or UDPRoute `backendRef` (including a `requestMirror` filter\'s) names a Service (group "", kind Service by default) in the route\'s namespace or the one it gives, and a port of it by number (the Service port, not the targetPort). When the Service or the port is absent the reference does not resolve: the route reports ResolvedRefs False and an HTTP implementation answers 500 for the requests that backend would have taken. Backends of other kinds are not checked. With `scope: partial` a Service absent from the bundle is reported as info.',
  remediation:
    'Name a Service of the bundle and one of its `spec.ports[].port` numbers, or add the Service.',
  references: [
    'https://gateway-api.sigs.k8s.io/api-types/httproute/',
    'https://gateway-api.sigs.k8s.io/reference/spec/',
  ],
  check,
};
