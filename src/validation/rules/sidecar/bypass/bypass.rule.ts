import type { ReportFix } from '../../../engine/fix/edit.js';
import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeObject } from '../../../model/describe.js';
import { isLoopback, isWildcard } from '../../../model/proxy/endpoint.js';
import { type ProxyInfo, proxiesOf } from '../../../model/proxy/proxies.js';
import { serviceRoutes, targetPath } from '../../../model/service-routing.js';
import type { PortInfo, ServicePortInfo } from '../../../model/bundle-model.types.js';

/**
 * Whether the proxy fronts this app port: its configuration forwards to it, or (configuration
 * unknown) the proxy takes inbound traffic at all. An app port the proxy does not forward to (e.g.
 * metrics) may legitimately be reached directly.
 */
function fronts(proxy: ProxyInfo, port: PortInfo): boolean {
  if (proxy.config) {
    return proxy.config.upstreams.some(
      (u) =>
        u.port === port.containerPort &&
        (isLoopback(u.host) || (u.host !== undefined && isWildcard(u.host))),
    );
  }
  return proxy.container.ports.length > 0;
}

/**
 * A suggestion (it changes where traffic goes, and the proxy may not expect it yet): target the
 * proxy's port, when the proxies offer exactly one of the Service port's protocol.
 */
function throughProxy(port: ServicePortInfo, proxies: readonly ProxyInfo[]): ReportFix | undefined {
  const candidates = proxies.flatMap((p) =>
    p.container.ports.filter((x) => x.protocol === port.protocol),
  );
  if (candidates.length !== 1) return undefined;
  const [proxyPort] = candidates;
  const value = proxyPort.name ?? proxyPort.containerPort;
  return {
    description: `Change targetPort to ${value}, the port of proxy container "${proxyPort.container.name}"`,
    safety: 'suggestion',
    edits: [
      port.targetPort !== undefined
        ? { set: [...port.path, 'targetPort'], value }
        : { insert: port.path, key: 'targetPort', value, after: 'port' },
    ],
  };
}

function check(ctx: RuleContext): void {
  const model = modelOf(ctx);
  const proxies = proxiesOf(ctx);
  for (const pod of model.pods) {
    const podProxies = proxies.filter((p) => p.pod === pod);
    if (podProxies.length === 0) continue;
    const proxyContainers = new Set(podProxies.map((p) => p.container));
    for (const { service, port, targets } of serviceRoutes(model.services, pod)) {
      const app = targets.filter((t) => !proxyContainers.has(t.container));
      if (app.length === 0 || app.length < targets.length) continue;
      const bypassed = podProxies.filter((p) => app.some((t) => fronts(p, t)));
      if (bypassed.length === 0) continue;
      const t = app[0];
      const proxyPorts = bypassed.flatMap((p) =>
        p.container.ports.map((x) => x.name ?? String(x.containerPort)),
      );
      ctx.report({
        object: service.object,
        path: targetPath(port),
        message: `Service ${service.name} routes port ${port.port ?? '?'} straight to port ${t.containerPort} of app container "${t.container.name}" in ${describeObject(pod.object)}, bypassing proxy container "${bypassed[0].container.name}"${proxyPorts.length > 0 ? ` (target its port ${proxyPorts.join(' or ')} instead)` : ''}`,
        related: [
          {
            object: pod.object,
            path: t.path,
            message: `port ${t.containerPort} of container "${t.container.name}"`,
          },
        ],
        fix: throughProxy(port, bypassed),
      });
    }
  }
}

export const sidecarBypassRule: Rule = {
  id: 'sidecar/bypass',
  title: 'Service bypasses the sidecar proxy',
  severity: 'warning',
  category: 'sidecar',
  patterns: ['sidecar-proxy'],
  description:
    "In the sidecar-proxy pattern clients reach the app through the proxy (TLS termination, routing, limits). A Service whose targetPort is the app container's port sends traffic around the proxy, so none of its policies apply.",
  remediation:
    "Point the Service targetPort at the proxy container's port (by name), and bind the app to 127.0.0.1 so that it is reachable only through the proxy.",
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports',
    'https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/',
  ],
  check,
};
