import { metadata } from './common.js';
import type { RenderContext } from './context.js';
import type { K8sObject } from './types.js';

/**
 * The HTTPRoute that attaches the rendered Service to an existing Gateway (`options.gateway`,
 * issue 17 item 4); none without the option. `port` is the Service port (a backendRef names the
 * Service port, not the targetPort).
 */
export function gatewayRoute(ctx: RenderContext, service: string, port: number): K8sObject[] {
  const gateway = ctx.gateway;
  if (!gateway) return [];
  const parentRef = {
    name: gateway.name,
    ...(gateway.namespace ? { namespace: gateway.namespace } : {}),
    ...(gateway.sectionName ? { sectionName: gateway.sectionName } : {}),
  };
  const where = `${gateway.namespace ? `${gateway.namespace}/` : ''}${gateway.name}`;
  const listener = gateway.sectionName ? `listener "${gateway.sectionName}"` : 'a listener';
  ctx.notes.push(
    `The HTTPRoute ${service} attaches to the existing Gateway ${where} (${listener}) and sends its traffic to port ${port} of the Service ${service}; the Gateway is not rendered.`,
  );
  if (gateway.namespace && gateway.namespace !== ctx.namespace) {
    ctx.notes.push(
      `The Gateway is in namespace ${gateway.namespace}: its ${listener} must admit HTTPRoutes from ${ctx.namespace ? `namespace ${ctx.namespace}` : 'the namespace you apply this to'} (allowedRoutes.namespaces.from All, or Selector matching it; the default Same refuses the route).`,
    );
  }
  return [
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: metadata(ctx, service, 'app'),
      spec: {
        parentRefs: [parentRef],
        rules: [{ backendRefs: [{ name: service, port }] }],
      },
    },
  ];
}
