import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeObject } from '../../../model/describe.js';
import { routesOf } from '../../../model/routes/routes-model.js';
import type { ParentRefInfo, RouteInfo, RoutesModel } from '../../../model/routes/types.js';
import { GATEWAY_GROUP } from '../../../model/routes/types.js';
import { servicePortFix } from '../../service-port-fix.js';
import { serviceNameFix, servicePortNameFix } from '../service-ref-fix.js';
import { refusal } from './attachment.js';
import { clashes, gatewayNameFix, sectionNameFix } from './parent-fix.js';

function checkGatewayParent(
  ctx: RuleContext,
  model: RoutesModel,
  route: RouteInfo,
  ref: ParentRefInfo,
): void {
  const what = describeObject(route.object);
  const gateway = model.gateway(ref.namespace, ref.name);
  if (!gateway) {
    const siblings = model.gateways.filter((g) => g.namespace === ref.namespace);
    if (siblings.length === 0) {
      // Gateways are shared infrastructure that a cluster operator owns (Gateway API's
      // role-oriented design): an application bundle rarely carries the one it attaches to.
      ctx.report({
        object: route.object,
        path: [...ref.path, 'name'],
        severity: 'info',
        message: `${what} attaches to Gateway ${ref.namespace}/${ref.name}, which is not in the bundle: it must exist in the cluster, and its listener must admit this route`,
      });
      return;
    }
    ctx.report({
      object: route.object,
      path: [...ref.path, 'name'],
      message: `${what} attaches to Gateway ${ref.namespace}/${ref.name}, which the bundle does not have (Gateways of namespace ${ref.namespace}: ${siblings.map((g) => g.name).join(', ')}): the route is not accepted`,
      missingReference: true,
      fix: gatewayNameFix(model, route, ref, siblings),
    });
    return;
  }
  let listeners = gateway.listeners;
  if (ref.sectionName !== undefined) {
    listeners = listeners.filter((l) => l.name === ref.sectionName);
    if (listeners.length === 0) {
      ctx.report({
        object: route.object,
        path: [...ref.path, 'sectionName'],
        message: `${what} attaches to listener "${ref.sectionName}" of ${describeObject(gateway.object)}, which has no such listener (listeners: ${gateway.listeners.map((l) => l.name).join(', ') || 'none'}): the route is not accepted`,
        related: [{ object: gateway.object, path: ['spec', 'listeners'], message: 'listeners' }],
        fix: sectionNameFix(model, route, ref, gateway),
      });
      return;
    }
  }
  if (ref.port !== undefined) {
    const before = listeners;
    listeners = listeners.filter((l) => l.port === ref.port);
    if (listeners.length === 0) {
      ctx.report({
        object: route.object,
        path: [...ref.path, 'port'],
        message: `${what} attaches to port ${ref.port} of ${describeObject(gateway.object)}, on which ${ref.sectionName !== undefined ? `listener "${ref.sectionName}" does not listen` : 'no listener listens'} (ports: ${[...new Set(before.map((l) => l.port))].join(', ') || 'none'}): the route is not accepted`,
        related: [{ object: gateway.object, path: ['spec', 'listeners'], message: 'listeners' }],
      });
      return;
    }
  }
  const reasons = listeners.map((l) => ({
    listener: l,
    why: refusal(model, l, gateway.namespace, route),
  }));
  if (reasons.length === 0 || reasons.some((r) => r.why === undefined)) return;
  ctx.report({
    object: route.object,
    path: [...ref.path, 'name'],
    message: `${what} attaches to ${describeObject(gateway.object)}, but no listener admits it: ${reasons.map((r) => r.why).join('; ')} (the route reports Accepted False, NotAllowedByListeners)`,
    related: reasons.slice(0, 3).map((r) => ({
      object: gateway.object,
      path: r.listener.path,
      message: `listener "${r.listener.name}"`,
    })),
  });
}

/** GAMMA: a route whose parent is a Service steers the mesh traffic sent to that Service. */
function checkServiceParent(ctx: RuleContext, route: RouteInfo, ref: ParentRefInfo): void {
  const what = describeObject(route.object);
  const services = modelOf(ctx).services;
  const service = services.find((s) => s.namespace === ref.namespace && s.name === ref.name);
  if (!service) {
    ctx.report({
      object: route.object,
      path: [...ref.path, 'name'],
      message: `${what} has Service ${ref.name} as its parent (GAMMA), which the bundle does not have in namespace ${ref.namespace}: the route applies to no traffic`,
      missingReference: true,
      fix: serviceNameFix(
        services.filter((s) => !clashes(route, ref, { name: s.name })),
        { ...ref, portName: ref.sectionName },
        [...ref.path, 'name'],
      ),
    });
    return;
  }
  const ports = service.ports
    .map((p) => (p.name ? `${p.name} (${p.port ?? '?'})` : String(p.port ?? '?')))
    .join(', ');
  const related = [
    {
      object: service.object,
      path: ['spec', 'ports'],
      message: `ports of Service ${service.name}`,
    },
  ];
  if (ref.port !== undefined && !service.ports.some((p) => p.port === ref.port)) {
    ctx.report({
      object: route.object,
      path: [...ref.path, 'port'],
      message: `${what} has port ${ref.port} of Service ${ref.namespace}/${ref.name} as its parent, which the Service does not expose (ports: ${ports || 'none'})`,
      related,
      // With a sectionName too, the port is no longer the only way to say which Service port.
      fix:
        ref.sectionName === undefined
          ? servicePortFix(
              service,
              ref.port,
              [...ref.path, 'port'],
              (port) => !clashes(route, ref, { port }),
            )
          : undefined,
    });
  }
  if (ref.sectionName !== undefined && !service.ports.some((p) => p.name === ref.sectionName)) {
    ctx.report({
      object: route.object,
      path: [...ref.path, 'sectionName'],
      message: `${what} has port "${ref.sectionName}" of Service ${ref.namespace}/${ref.name} as its parent, but the Service has no port of that name (ports: ${ports || 'none'})`,
      related,
      fix: servicePortNameFix(
        service,
        ref.sectionName,
        ref.port,
        [...ref.path, 'sectionName'],
        (sectionName) => !clashes(route, ref, { sectionName }),
      ),
    });
  }
}

function check(ctx: RuleContext): void {
  const model = routesOf(ctx);
  for (const route of model.routes) {
    for (const ref of route.parentRefs) {
      if (ref.group === GATEWAY_GROUP && ref.kind === 'Gateway')
        checkGatewayParent(ctx, model, route, ref);
      else if (ref.group === '' && ref.kind === 'Service') checkServiceParent(ctx, route, ref);
    }
  }
}

export const routeParentUnresolvedRule: Rule = {
  id: 'route/parent-unresolved',
  title:
    'Route parentRef names a missing Gateway, listener or mesh Service, or one that refuses it',
  severity: 'error',
  category: 'route',
  patterns: [],
  description:
    'A route attaches to its `parentRefs`: a Gateway (the default group and kind), optionally one listener of it by `sectionName` and/or `port`, or, for GAMMA mesh routing, a Service (`group: ""` or `core`, `kind: Service`; `port` and `sectionName` then name a Service port). Reported: a listener name or port the Gateway lacks; a Gateway whose selected listeners all refuse the route, by `allowedRoutes.namespaces.from` (Same, the default: the Gateway\'s namespace only; Selector: a Namespace label selector, checked when the bundle has the Namespace or through its `kubernetes.io/metadata.name` label; All) or by `allowedRoutes.kinds` (unset: the kinds the listener protocol carries: HTTP and HTTPS take HTTPRoute and GRPCRoute, TLS takes TLSRoute and TCPRoute, TCP TCPRoute, UDP UDPRoute); a parent Service or Service port the bundle lacks. A Gateway that is not in the bundle is an info when the bundle has no Gateway in that namespace (Gateways are usually owned by the cluster operator, not the application), and an error otherwise. With `scope: partial` a missing Gateway or Service is reported as info.',
  remediation:
    'Name an existing Gateway and one of its listeners (by `name` and `port`), make the listener admit the route (`allowedRoutes.namespaces`, `allowedRoutes.kinds`), or, for GAMMA, name an existing Service and one of its ports.',
  references: [
    'https://gateway-api.sigs.k8s.io/api-types/gateway/',
    'https://gateway-api.sigs.k8s.io/guides/multiple-ns/',
    'https://gateway-api.sigs.k8s.io/mesh/',
  ],
  check,
};
