import type { Rule, RuleContext } from '../../../engine/types.js';
import { describeContainer } from '../../../model/describe.js';
import {
  describeEndpoint,
  isLoopback,
  isWildcard,
  type ProxyUpstream,
} from '../../../model/proxy/endpoint.js';
import {
  configFileLocation,
  describeConfigPlace,
  isReverseProxy,
  type ProxyInfo,
  proxiesOf,
} from '../../../model/proxy/proxies.js';
import { listPorts } from '../../../model/service-routing.js';

/** Why an upstream does not resolve inside the pod, or undefined when it does. */
function problem(ctx: RuleContext, proxy: ProxyInfo, u: ProxyUpstream): string | undefined {
  const { pod, container } = proxy;
  const siblings = pod.containers.filter((c) => c !== container && c.role !== 'init');
  if (u.unixPath !== undefined) {
    const path = u.unixPath;
    const mount = container.mounts.find(
      (m) => m.mountPath !== '' && path.startsWith(`${m.mountPath.replace(/\/+$/, '')}/`),
    );
    if (!mount)
      return `the socket ${path} is on no volume mounted into the proxy, so no other container can create it`;
    const shared = siblings.some((c) => c.mounts.some((m) => m.name === mount.name));
    return shared
      ? undefined
      : `the socket ${path} is on volume ${mount.name}, which no other container of the pod mounts`;
  }
  if (isLoopback(u.host) || (u.host !== undefined && isWildcard(u.host))) {
    if (u.port === undefined) return undefined;
    if (siblings.some((c) => c.ports.some((p) => p.containerPort === u.port))) return undefined;
    const declared = listPorts(siblings.flatMap((c) => c.ports));
    const self = container.ports.some((p) => p.containerPort === u.port)
      ? ' (the proxy itself declares it: a loop)'
      : '';
    return `port ${u.port} is declared by no other container of the pod${self}; ports declared: ${declared}`;
  }
  if (isReverseProxy(ctx, proxy)) {
    return `${u.host ?? u.text} is outside the pod: a reverse proxy a Service routes to should forward to the app over localhost or a Unix socket`;
  }
  return undefined;
}

function check(ctx: RuleContext): void {
  for (const proxy of proxiesOf(ctx)) {
    for (const u of proxy.config?.upstreams ?? []) {
      const why = problem(ctx, proxy, u);
      const at = configFileLocation(proxy, u.file);
      if (!why || !at) continue;
      ctx.report({
        ...at,
        message: `${proxy.product} upstream ${describeEndpoint(u)} (${u.via}, ${describeConfigPlace(proxy, u)}) of proxy ${describeContainer(proxy.container)} does not resolve: ${why}`,
        related: [
          {
            object: proxy.pod.object,
            path: [...proxy.container.path, 'name'],
            message: `proxy container "${proxy.container.name}"`,
          },
        ],
      });
    }
  }
}

export const sidecarUpstreamUnresolvedRule: Rule = {
  id: 'sidecar/upstream-unresolved',
  title: "Proxy upstream is not a port of the proxy's pod",
  severity: 'error',
  category: 'sidecar',
  patterns: ['sidecar-proxy', 'unix-socket'],
  description:
    "A sidecar reverse proxy forwards to the app in the same pod, over localhost (the pod shares one network namespace) or a Unix socket on a shared emptyDir. podwire reads the proxy's configuration (nginx proxy_pass and upstream servers, Envoy static cluster endpoints) from its ConfigMap: a loopback port that no other container declares, a socket on a volume no other container mounts, or (for a proxy a Service routes to) a host outside the pod means requests fail with 502.",
  remediation:
    'Point the upstream at 127.0.0.1:<containerPort of the app> (declare that port on the app container), or at unix:<path> on an emptyDir both containers mount. Prefer 127.0.0.1 to localhost, which may resolve to ::1.',
  references: [
    'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_pass',
    'https://nginx.org/en/docs/http/ngx_http_upstream_module.html#server',
    'https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/endpoint/v3/endpoint_components.proto',
    'https://kubernetes.io/docs/concepts/workloads/pods/#pod-networking',
  ],
  check,
};
