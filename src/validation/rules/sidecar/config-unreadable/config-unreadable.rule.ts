import type { Rule, RuleContext } from '../../../engine/types.js';
import { describeContainer } from '../../../model/describe.js';
import {
  configFileLocation,
  describeConfigPlace,
  proxiesOf,
} from '../../../model/proxy/proxies.js';

function check(ctx: RuleContext): void {
  for (const proxy of proxiesOf(ctx)) {
    for (const error of proxy.config?.errors ?? []) {
      const at = configFileLocation(proxy, error.file);
      if (!at) continue;
      ctx.report({
        ...at,
        message: `the ${proxy.product} configuration of proxy ${describeContainer(proxy.container)} cannot be read (${describeConfigPlace(proxy, error)}: ${error.message}); its listen and upstream addresses were not checked`,
      });
    }
  }
}

export const sidecarConfigUnreadableRule: Rule = {
  id: 'sidecar/config-unreadable',
  title: 'Proxy configuration cannot be read',
  severity: 'warning',
  category: 'sidecar',
  patterns: ['sidecar-proxy'],
  description:
    "podwire reads nginx configuration files (*.conf keys) and Envoy bootstrap files (YAML or JSON) from the ConfigMaps mounted into a proxy. A file that does not parse (unbalanced braces, a missing semicolon, invalid YAML) most likely makes the proxy fail at start-up, and the sidecar checks cannot look at it. A warning rather than an error because podwire's nginx reader is smaller than nginx's own.",
  remediation:
    'Fix the syntax at the line named (nginx -t or envoy --mode validate confirm it), or silence the rule with podwire.dev/ignore on the ConfigMap.',
  references: [
    'https://nginx.org/en/docs/beginners_guide.html#conf_structure',
    'https://www.envoyproxy.io/docs/envoy/latest/configuration/overview/examples',
  ],
  check,
};
