import type { Rule, RuleContext } from '../../../engine/types.js';
import { describeObject } from '../../../model/describe.js';
import { routesOf } from '../../../model/routes/routes-model.js';
import type { ListenerInfo } from '../../../model/routes/types.js';

/**
 * Listeners on one port can share it only when the Gateway can tell their traffic apart: all
 * HTTP (by Host header), or all HTTPS/TLS (by SNI), each with its own hostname (the Gateway spec's
 * example of "compatible" listeners). UDP is another transport and shares a port with anything.
 */
const FAMILY: Record<string, string> = { HTTP: 'http', HTTPS: 'tls', TLS: 'tls', TCP: 'tcp' };

function conflict(a: ListenerInfo, b: ListenerInfo): 'protocol' | 'hostname' | undefined {
  if (a.port === undefined || a.port !== b.port) return undefined;
  if (a.protocol === 'UDP' || b.protocol === 'UDP') return undefined;
  const fa = FAMILY[a.protocol];
  const fb = FAMILY[b.protocol];
  if (fa === undefined || fb === undefined) return undefined;
  if (fa !== fb) return 'protocol';
  // The same port, protocol and hostname twice is already refused by the CRD's own
  // validation rule (custom-resource/rule-violation): one root cause, one error.
  if (a.protocol === b.protocol) return undefined;
  return (a.hostname ?? '') === (b.hostname ?? '') ? 'hostname' : undefined;
}

function check(ctx: RuleContext): void {
  for (const gateway of routesOf(ctx).gateways) {
    const listeners = gateway.listeners;
    listeners.forEach((listener, j) => {
      for (const earlier of listeners.slice(0, j)) {
        const kind = conflict(earlier, listener);
        if (!kind) continue;
        const host = listener.hostname ? `hostname ${listener.hostname}` : 'no hostname';
        ctx.report({
          object: gateway.object,
          path: [...listener.path, kind === 'protocol' ? 'protocol' : 'port'],
          message:
            kind === 'protocol'
              ? `listener "${listener.name}" of ${describeObject(gateway.object)} serves ${listener.protocol} on port ${listener.port}, where listener "${earlier.name}" serves ${earlier.protocol}: one port cannot carry both (the listeners report Conflicted, ProtocolConflict)`
              : `listeners "${earlier.name}" (${earlier.protocol}) and "${listener.name}" (${listener.protocol}) of ${describeObject(gateway.object)} both take port ${listener.port} with ${host}: the Gateway cannot tell their connections apart (Conflicted, HostnameConflict)`,
          related: [
            { object: gateway.object, path: earlier.path, message: `listener "${earlier.name}"` },
          ],
        });
        break;
      }
    });
  }
}

export const gatewayListenerConflictRule: Rule = {
  id: 'gateway/listener-conflict',
  title: 'Two listeners of a Gateway conflict on one port',
  severity: 'error',
  category: 'gateway',
  patterns: [],
  description:
    "Listeners of one Gateway may share a port only when the Gateway can tell their connections apart: all HTTP (by Host header) or all HTTPS/TLS (by SNI), each with a distinct hostname (one of them may omit it). Reported: HTTP next to HTTPS, TLS or TCP on one port, TCP next to anything else of TCP transport, and HTTPS next to TLS with the same hostname. The listeners then report Conflicted (ProtocolConflict, HostnameConflict) and do not serve. UDP shares a port with any TCP listener. The same port, protocol and hostname twice is refused by the CRD's own validation rule and reported as custom-resource/rule-violation.",
  remediation:
    'Give the conflicting listener its own port, the same protocol family as the others on that port, or a hostname of its own.',
  references: [
    'https://gateway-api.sigs.k8s.io/api-types/gateway/',
    'https://gateway-api.sigs.k8s.io/reference/spec/',
  ],
  check,
};
