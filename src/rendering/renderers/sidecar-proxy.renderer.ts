import { posix } from 'node:path';
import {
  CHECKSUM_ANNOTATION,
  checksum,
  configMap,
  container,
  jobNote,
  type Json,
  selectorLabels,
  scratch,
  service,
  tcpProbe,
} from './common.js';
import { IMAGES, type ContainerPlan, type RenderContext } from './context.js';
import { gatewayRoute } from './gateway-route.js';
import { clientJob } from './client-job.js';
import { appParty } from './parties.js';
import { envoyConfig, nginxConfig, type Upstream } from './proxy-config.js';
import { TLS_DIR, tlsNotes, tlsObjects, tlsVolume } from './tls.js';
import type { K8sObject } from './types.js';
import { ordered, unit } from './unit.js';

/** Native sidecars (restartable init containers) are on by default from 1.29 (beta), GA in 1.33. */
export const NATIVE_SIDECAR_MINOR = 29;

const PROXY_RESOURCES = { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } };

/** nginx or Envoy in front of the app (core pattern 3); the Service routes to the proxy only. */
export function renderSidecarProxy(ctx: RenderContext): K8sObject[] {
  const native = ctx.minor >= NATIVE_SIDECAR_MINOR;
  const appPort = ctx.app.port ?? 80;
  const upstream: Upstream = ctx.socketPathGiven
    ? { socketPath: ctx.socketPath }
    : { port: appPort };
  // Envoy's admin port must not collide with anything else in the pod's one port space.
  const adminPort = [9901, 9902, 9903].find((p) => p !== appPort && p !== ctx.proxyPort) ?? 9904;
  const configName = `${ctx.name}-proxy`;
  const tls = ctx.tls ? tlsVolume(ctx.tls) : undefined;
  const tlsDir = tls ? TLS_DIR : undefined;
  // The Service and container port name says what the port speaks (Istio and others read it).
  const portName = tls ? 'https' : 'http';
  const servicePort = tls ? 443 : 80;
  const data: Record<string, string> =
    ctx.proxy === 'nginx'
      ? { 'default.conf': nginxConfig(ctx.proxyPort, upstream, tlsDir) }
      : { 'envoy.yaml': envoyConfig(ctx.proxyPort, upstream, adminPort, tlsDir) };

  const shared: Json[] = [];
  const socketMount = ctx.socketPathGiven
    ? { name: 'socket', mountPath: posix.dirname(ctx.socketPath) }
    : undefined;
  if (socketMount) shared.push({ name: 'socket', emptyDir: { sizeLimit: '1Mi' } });

  const app = appParty(ctx.app, {
    portName: 'app-http',
    loopbackOnly: true,
    mounts: socketMount ? [socketMount] : [],
    env: socketMount ? [{ name: 'SOCKET_PATH', value: ctx.socketPath }] : [],
  });

  const proxyPlan: ContainerPlan = {
    image: ctx.proxy === 'nginx' ? IMAGES.nginx : IMAGES.envoy,
    defaultImage: true,
    port: ctx.proxyPort,
    resources: PROXY_RESOURCES,
    memoryLimitGiven: false,
    field: 'options.proxy',
    ...(ctx.proxy === 'envoy'
      ? // Hot restart needs shared memory and a wrapper; in Kubernetes a new pod replaces the old one.
        {
          command: ['envoy'],
          args: ['-c', '/etc/envoy/envoy.yaml', '--disable-hot-restart', '--log-level', 'info'],
        }
      : {}),
  };
  const configMount = {
    name: 'proxy-config',
    mountPath: ctx.proxy === 'nginx' ? '/etc/nginx/conf.d' : '/etc/envoy',
    readOnly: true,
  };
  const proxyScratch = [
    scratch('proxy-tmp'),
    ...(ctx.proxy === 'nginx' ? [scratch('proxy-cache', '/var/cache/nginx')] : []),
  ];
  const proxy = container({
    name: 'proxy',
    plan: proxyPlan,
    portName,
    // TCP checks: an HTTP path on the proxy would shadow the same path of the app.
    probes: {
      startupProbe: { ...tcpProbe(portName, 1), failureThreshold: 30 },
      readinessProbe: tcpProbe(portName, 5),
      livenessProbe: tcpProbe(portName, 10),
    },
    // No subPath: a subPath mount never sees ConfigMap updates.
    mounts: [
      configMount,
      ...proxyScratch.map((s) => s.mount),
      ...(socketMount ? [socketMount] : []),
      ...(tls ? [tls.mount] : []),
    ],
    extra: native ? { restartPolicy: 'Always' } : undefined,
  });

  const job = ctx.workload === 'Job';
  const pods = unit(ctx, {
    workloadName: ctx.name,
    component: 'app',
    // A Job's pods finish: the served side stays a Deployment, the Job is its client (clientJob).
    kind: job ? 'Deployment' : undefined,
    replicas: job ? 2 : undefined,
    containers: native ? [app.container] : [app.container, proxy],
    initContainers: native ? [proxy] : undefined,
    volumes: [
      { name: 'proxy-config', configMap: { name: configName } },
      ...shared,
      ...app.volumes,
      ...proxyScratch.map((s) => s.volume),
      ...(tls ? [tls.volume] : []),
    ],
    podAnnotations: { [CHECKSUM_ANNOTATION]: checksum(data), 'podwire.dev/proxy': 'proxy' },
    primaryPort: { name: portName, port: ctx.proxyPort },
    // Only the proxy port: the app's own port must not be reachable around the proxy.
    ingress: [
      { ports: [portName] },
      // Named callers replace "any source": the client Job must then be admitted by name.
      ...(job && ctx.callers.length > 0
        ? [{ ports: [portName], fromPods: selectorLabels(ctx, 'client') }]
        : []),
    ],
  });

  ctx.notes.push(
    native
      ? `Kubernetes ${ctx.kubernetesVersion}: the proxy is a native sidecar (initContainers, restartPolicy: Always): it starts before the app, stops after it and does not keep a Job running.${ctx.minor < 33 ? ' Native sidecars are beta (on by default) before 1.33.' : ''}`
      : `Kubernetes ${ctx.kubernetesVersion}: native sidecars are alpha and off by default before 1.29, so the proxy is a regular container: no start-up ordering, and shutdown may stop the proxy before the app. Render for 1.29 or later to get a native sidecar.`,
    `The Service ${ctx.name} routes port ${servicePort} to the proxy port ${ctx.proxyPort} ("${portName}"); the proxy ${tls ? 'terminates TLS and ' : ''}forwards to ${'port' in upstream ? `127.0.0.1:${appPort}` : `unix:${ctx.socketPath}`}.`,
    ctx.app.defaultImage
      ? 'The app binds 127.0.0.1, so nothing can reach it around the proxy.'
      : 'A server on 0.0.0.0 is reachable around the proxy whether or not its port is declared; the NetworkPolicy admits only the proxy port, and binding the app to 127.0.0.1 closes the gap for good (then swap its TCP probes for exec probes: the kubelet probes the pod IP).',
    `The proxy configuration lives in the ConfigMap ${configName}; the pod template's ${CHECKSUM_ANNOTATION} annotation changes with it, so editing it through podwire rolls the pods.`,
  );
  tlsNotes(ctx, `The ${ctx.proxy === 'nginx' ? 'nginx' : 'Envoy'} proxy`);
  if (tls && ctx.proxy === 'nginx')
    ctx.notes.push(
      'nginx reads the certificate at start-up: after a renewal, roll the pods (kubectl rollout restart) or reload nginx; Envoy watches the mounted directory instead.',
    );
  if (ctx.proxy === 'envoy')
    ctx.notes.push(`Envoy's admin interface listens on 127.0.0.1:${adminPort} only.`);
  if (ctx.socketPathGiven) {
    ctx.notes.push(
      `The app must serve HTTP on the Unix socket ${ctx.socketPath} (SOCKET_PATH); its TCP port is kept for probes.`,
    );
  }
  ctx.notes.push(
    'A proxy adds a hop and some latency; it buys TLS termination, routing and L7 policy, not speed.',
  );
  const host = `${ctx.name}${ctx.namespace ? `.${ctx.namespace}` : ''}`;
  if (job)
    ctx.notes.push(
      `workload Job: the app and its proxy are a Deployment behind the Service ${ctx.name}; the Job ${ctx.name}-client is the caller: it connects to ${host}:${servicePort} and exits.`,
    );
  jobNote(ctx);
  return ordered({
    configMaps: [configMap(ctx, configName, 'app', data)],
    services: [
      service(ctx, ctx.name, 'app', [{ name: portName, port: servicePort, targetPort: portName }]),
    ],
    units: job ? [pods, clientJob(ctx, host, servicePort)] : [pods],
    extras: [...tlsObjects(ctx, ctx.name), ...gatewayRoute(ctx, ctx.name, servicePort)],
  });
}
