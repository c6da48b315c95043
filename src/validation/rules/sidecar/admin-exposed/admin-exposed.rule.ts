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
    const admin = proxy.config?.admin;
    if (!admin || admin.unixPath !== undefined || isLoopback(admin.host)) continue;
    const at = configFileLocation(proxy, admin.file);
    if (!at) continue;
    ctx.report({
      ...at,
      message: `the Envoy admin interface of proxy ${describeContainer(proxy.container)} is bound to ${describeEndpoint(admin)} (${describeConfigPlace(proxy, admin)}): anyone who reaches the pod can read its configuration and stats and shut it down; bind it to 127.0.0.1`,
    });
  }
}

export const sidecarAdminExposedRule: Rule = {
  id: 'sidecar/admin-exposed',
  title: 'Envoy admin interface reachable from the network',
  severity: 'error',
  category: 'sidecar',
  patterns: ['sidecar-proxy'],
  description:
    "Envoy's admin API allows destructive operations (quitquitquit, drain, log levels) and exposes private data (config dump with secrets, clusters). Bound to anything but loopback it is reachable from every pod that can reach this one.",
  remediation:
    'Set admin.address.socket_address.address to 127.0.0.1 (or use a pipe), and use kubectl port-forward to reach it.',
  references: ['https://www.envoyproxy.io/docs/envoy/latest/operations/admin'],
  check,
};
