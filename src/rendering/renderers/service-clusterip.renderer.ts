import { jobNote, service } from './common.js';
import type { RenderContext } from './context.js';
import { gatewayRoute } from './gateway-route.js';
import { appParty } from './parties.js';
import type { K8sObject } from './types.js';
import { ordered, unit } from './unit.js';

/** ClusterIP Service in front of the app's pods (core pattern 1). */
export function renderServiceClusterIp(ctx: RenderContext): K8sObject[] {
  const app = appParty(ctx.app);
  const pods = unit(ctx, {
    workloadName: ctx.name,
    component: 'app',
    containers: [app.container],
    volumes: app.volumes,
    primaryPort: { name: 'http', port: ctx.app.port ?? 80 },
    ingress: [{ ports: ['http'] }],
  });
  ctx.notes.push(
    `Clients reach the app at http://${ctx.name}${ctx.namespace ? `.${ctx.namespace}` : ''}:80; traffic is plaintext unless the app, a mesh or the CNI encrypts it.`,
  );
  if (ctx.networkPolicy) {
    ctx.notes.push(
      'The NetworkPolicy admits the http port from any source; add `from` selectors for the known callers.',
    );
  }
  jobNote(ctx);
  return ordered({
    services: [service(ctx, ctx.name, 'app', [{ name: 'http', port: 80, targetPort: 'http' }])],
    units: [pods],
    extras: gatewayRoute(ctx, ctx.name, 80),
  });
}
