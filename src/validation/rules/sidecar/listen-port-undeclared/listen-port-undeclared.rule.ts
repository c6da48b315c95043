import type { Rule, RuleContext } from '../../../engine/types.js';
import { describeContainer } from '../../../model/describe.js';
import { describeEndpoint, isLoopback } from '../../../model/proxy/endpoint.js';
import {
  configFileLocation,
  describeConfigPlace,
  proxiesOf,
} from '../../../model/proxy/proxies.js';

function check(ctx: RuleContext): void {
  for (const proxy of proxiesOf(ctx)) {
    const { container } = proxy;
    const declared = container.ports.map((p) => p.containerPort);
    for (const listen of proxy.config?.listens ?? []) {
      // a loopback or unix listener is not reachable from outside the pod: nothing to declare
      if (listen.port === undefined || listen.unixPath !== undefined || isLoopback(listen.host))
        continue;
      if (declared.includes(listen.port)) continue;
      const at = configFileLocation(proxy, listen.file);
      if (!at) continue;
      ctx.report({
        ...at,
        message: `${proxy.product} listens on ${describeEndpoint(listen)} (${describeConfigPlace(proxy, listen)}) but proxy ${describeContainer(container)} declares no containerPort ${listen.port} (declared: ${declared.length > 0 ? declared.join(', ') : 'none'})`,
        related: [
          container.ports.length > 0
            ? {
                object: proxy.pod.object,
                path: [...container.path, 'ports'],
                message: `ports of container "${container.name}"`,
              }
            : {
                object: proxy.pod.object,
                path: [...container.path, 'name'],
                message: `proxy container "${container.name}"`,
              },
        ],
      });
    }
  }
}

export const sidecarListenPortUndeclaredRule: Rule = {
  id: 'sidecar/listen-port-undeclared',
  title: 'Proxy listens on a port its container does not declare',
  severity: 'warning',
  category: 'sidecar',
  patterns: ['sidecar-proxy'],
  description:
    'The port a sidecar proxy listens on (nginx listen, Envoy listener socket_address) should be a containerPort of the proxy container: Services and NetworkPolicies refer to it by name or number, and readers of the manifest see where traffic enters the pod.',
  remediation:
    'Add the listen port to the proxy container ports (with a name such as http), and make the Service targetPort point at it.',
  references: [
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports',
    'https://nginx.org/en/docs/http/ngx_http_core_module.html#listen',
  ],
  check,
};
