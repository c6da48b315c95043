import { jobNote, selectorLabels, service } from './common.js';
import { clientJob } from './client-job.js';
import type { RenderContext } from './context.js';
import { gatewayRoute } from './gateway-route.js';
import { appParty } from './parties.js';
import { TLS_DIR, tlsNotes, tlsObjects, tlsVolume } from './tls.js';
import type { K8sObject } from './types.js';
import { ordered, unit } from './unit.js';

/** podinfo's HTTPS port when it serves TLS itself (`--secure-port`); its HTTP port stays for probes. */
const PODINFO_SECURE_PORT = 9899;

/**
 * ClusterIP Service in front of the app's pods (core pattern 1). With `options.tls` the app serves
 * TLS itself from the mounted certificate Secret. With workload Job the server stays a Deployment
 * behind the Service (a Job's pods finish, so nothing would be left to answer) and the Job is the
 * client that calls it and exits.
 */
export function renderServiceClusterIp(ctx: RenderContext): K8sObject[] {
  const job = ctx.workload === 'Job';
  const tls = ctx.tls ? tlsVolume(ctx.tls) : undefined;
  const portName = tls ? 'https' : 'http';
  const servicePort = tls ? 443 : 80;
  // podinfo keeps plain HTTP for the kubelet's probes and serves HTTPS on a second port; a caller's
  // own image serves TLS on its one port.
  const tlsPorts =
    tls && ctx.app.defaultImage
      ? [
          { name: 'http', containerPort: ctx.app.port, protocol: 'TCP' },
          { name: 'https', containerPort: PODINFO_SECURE_PORT, protocol: 'TCP' },
        ]
      : undefined;
  const app = appParty(ctx.app, {
    portName: tls && !ctx.app.defaultImage ? 'https' : 'http',
    ports: tlsPorts,
    podinfoFlags: tls ? [`--secure-port=${PODINFO_SECURE_PORT}`, `--cert-path=${TLS_DIR}`] : [],
    mounts: tls ? [tls.mount] : [],
    env: tls ? [{ name: 'TLS_CERT_DIR', value: TLS_DIR }] : [],
  });
  const server = unit(ctx, {
    workloadName: ctx.name,
    component: 'app',
    kind: job ? 'Deployment' : undefined,
    replicas: job ? 2 : undefined,
    containers: [app.container],
    volumes: [...app.volumes, ...(tls ? [tls.volume] : [])],
    primaryPort: { name: portName, port: ctx.app.port ?? 80 },
    ingress: [
      { ports: [portName] },
      // Named callers replace "any source": the client Job must then be admitted by name.
      ...(job && ctx.callers.length > 0
        ? [{ ports: [portName], fromPods: selectorLabels(ctx, 'client') }]
        : []),
    ],
  });
  const host = `${ctx.name}${ctx.namespace ? `.${ctx.namespace}` : ''}`;
  const units = [server];
  if (job) units.push(clientJob(ctx, host, servicePort));
  ctx.notes.push(
    tls
      ? `Clients reach the app at https://${host}:443; the app terminates TLS itself.`
      : `Clients reach the app at http://${host}:80; traffic is plaintext unless the app, a mesh or the CNI encrypts it.`,
  );
  if (tls && ctx.app.defaultImage)
    ctx.notes.push(
      `podinfo serves HTTPS on ${PODINFO_SECURE_PORT} ("https") from ${TLS_DIR}; its plain HTTP port ${ctx.app.port} stays for the kubelet's probes, and the NetworkPolicy admits only "https".`,
    );
  if (tls && !ctx.app.defaultImage)
    ctx.notes.push(
      `Your app must serve TLS on its port ("https") with ${TLS_DIR}/tls.crt and ${TLS_DIR}/tls.key (TLS_CERT_DIR).`,
    );
  tlsNotes(ctx, `The app`);
  if (ctx.networkPolicy && ctx.callers.length === 0) {
    ctx.notes.push(
      `The NetworkPolicy admits the ${portName} port from any source; name the callers (options.callers, or the profile's callers) to admit only them.`,
    );
  }
  if (job)
    ctx.notes.push(
      `workload Job: the server is a Deployment behind the Service ${ctx.name}; the Job ${ctx.name}-client is the caller: it connects to ${host}:${servicePort} and exits.`,
    );
  jobNote(ctx);
  return ordered({
    services: [
      service(ctx, ctx.name, 'app', [{ name: portName, port: servicePort, targetPort: portName }]),
    ],
    units,
    extras: [...tlsObjects(ctx, ctx.name), ...gatewayRoute(ctx, ctx.name, servicePort)],
  });
}
