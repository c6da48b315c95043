import type { ListenerInfo, RouteInfo, RoutesModel } from '../../../model/routes/types.js';
import { GATEWAY_GROUP } from '../../../model/routes/types.js';
import { matchesSelector } from '../../../model/selectors.js';

/**
 * The route kinds a listener admits when `allowedRoutes.kinds` is unset: the Gateway API says
 * the listener protocol decides. HTTP and HTTPS carry HTTPRoute and GRPCRoute (gRPC is HTTP/2);
 * TLS carries TLSRoute, and TCPRoute where the listener terminates TLS. A protocol we do not know
 * (implementation-specific, `example.com/x`) admits anything: we cannot tell.
 */
const DEFAULT_KINDS: Record<string, readonly string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute', 'TCPRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

/** Why the listener refuses the route, or undefined when it admits it (or we cannot tell). */
export function refusal(
  model: RoutesModel,
  listener: ListenerInfo,
  gatewayNamespace: string,
  route: RouteInfo,
): string | undefined {
  const kinds = listener.kinds
    ? listener.kinds.filter((k) => k.group === GATEWAY_GROUP).map((k) => k.kind)
    : DEFAULT_KINDS[listener.protocol];
  if (kinds && !kinds.includes(route.kind)) {
    const source = listener.kinds ? 'allowedRoutes.kinds' : `protocol ${listener.protocol}`;
    return `listener "${listener.name}" admits only ${kinds.join(', ') || 'no kind'} (${source}), not ${route.kind}`;
  }
  const namespace = route.namespace;
  if (listener.from === 'Same' && namespace !== gatewayNamespace)
    return `listener "${listener.name}" admits routes of its own namespace ${gatewayNamespace} only (allowedRoutes.namespaces.from Same), not of ${namespace}`;
  if (listener.from === 'Selector') {
    // Every namespace carries kubernetes.io/metadata.name (set by the API server since 1.22);
    // other labels are known only when the bundle has the Namespace.
    const known = model.namespaceLabels(namespace);
    const labels = { ...(known ?? {}), 'kubernetes.io/metadata.name': namespace };
    if (matchesSelector(labels, listener.selector)) return undefined;
    if (known === undefined) return undefined;
    return `listener "${listener.name}" admits routes of the namespaces its allowedRoutes.namespaces.selector selects, and Namespace ${namespace} does not match it`;
  }
  return undefined;
}
