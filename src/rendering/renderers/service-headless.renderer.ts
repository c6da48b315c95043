import { jobNote, service } from './common.js';
import type { RenderContext } from './context.js';
import { appParty } from './parties.js';
import type { K8sObject } from './types.js';
import { ordered, unit } from './unit.js';

/** Headless Service (`clusterIP: None`) + StatefulSet: a stable DNS name per pod. */
export function renderServiceHeadless(ctx: RenderContext): K8sObject[] {
  if (ctx.workload !== 'StatefulSet') {
    ctx.notes.push(
      `workload ${ctx.workload} replaced by StatefulSet: service-headless pairs the headless Service with a StatefulSet, whose pods alone get stable names.`,
    );
    ctx.workload = 'StatefulSet';
  }
  const app = appParty(ctx.app);
  const port = ctx.app.port ?? 80;
  const fqdn = `${ctx.name}.${ctx.namespace ?? '<namespace>'}.svc.cluster.local`;
  const pods = unit(ctx, {
    workloadName: ctx.name,
    component: 'app',
    containers: [app.container],
    volumes: app.volumes,
    serviceName: ctx.name,
    ingress: [{ ports: ['http'] }],
  });
  ctx.notes.push(
    `Each pod is reachable as ${ctx.name}-<ordinal>.${fqdn}:${port}, and ${fqdn} resolves to every ready pod: there is no virtual IP, clients balance load themselves.`,
    'DNS answers may be cached (negative ones too), so new pods can take a few seconds to be discovered.',
  );
  jobNote(ctx);
  return ordered({
    services: [service(ctx, ctx.name, 'app', [{ name: 'http', port, targetPort: 'http' }], true)],
    units: [pods],
  });
}
