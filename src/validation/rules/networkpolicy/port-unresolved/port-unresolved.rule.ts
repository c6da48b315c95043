import { closePortName } from '../../../engine/fix/did-you-mean.js';
import type { ReportFix } from '../../../engine/fix/edit.js';
import type { JsonPath, Rule, RuleContext } from '../../../engine/types.js';
import type { PortInfo } from '../../../model/bundle-model.types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeObject } from '../../../model/describe.js';
import { asArray, asRecord, asString } from '../../../model/json.js';
import { listPorts } from '../../../model/service-routing.js';

/** Istio ambient: the node's ztunnel receives HBONE on this port for the pod; no container declares it. */
const HBONE_PORT = 15008;
const AMBIENT = 'istio.io/dataplane-mode';

function ambientNamespaces(ctx: RuleContext): Set<string> {
  const names = new Set<string>();
  for (const ns of ctx.byKind('Namespace')) {
    const labels = asRecord(asRecord(ns.raw.metadata)?.labels);
    if (labels?.[AMBIENT] === 'ambient' && ns.ref.name) names.add(ns.ref.name);
  }
  return names;
}

/**
 * Did you mean, for a port name: the one close name among the ports the selected containers
 * declare with the rule's protocol (not a TLS variant: `https` for `http` is another port).
 */
function portNameFix(
  name: string,
  same: readonly PortInfo[],
  path: JsonPath,
): ReportFix | undefined {
  const names = same.map((p) => p.name).filter((n): n is string => n !== undefined);
  const match = closePortName(name, names);
  if (match === undefined) return undefined;
  return {
    description: `Change port "${name}" to "${match}", a port the selected containers declare`,
    safety: 'safe',
    edits: [{ set: path, value: match }],
  };
}

function check(ctx: RuleContext): void {
  const ambientNs = ambientNamespaces(ctx);
  for (const policy of modelOf(ctx).networkPolicies) {
    if (policy.pods.length === 0) continue;
    const ambient = policy.pods.every(
      (p) => p.labels[AMBIENT] === 'ambient' || ambientNs.has(p.namespace),
    );
    // Ingress ports name ports of the selected pods; egress ports belong to the peers.
    const ports = policy.pods.flatMap((p) =>
      p.containers.filter((c) => c.role !== 'init').flatMap((c) => c.ports),
    );
    asArray(asRecord(policy.object.raw.spec)?.ingress).forEach((rule, r) => {
      asArray(asRecord(rule)?.ports).forEach((item, i) => {
        const entry = asRecord(item);
        const port = entry?.port;
        if (!entry || (typeof port !== 'number' && typeof port !== 'string')) return;
        const protocol = asString(entry.protocol) ?? 'TCP';
        const end = typeof entry.endPort === 'number' ? entry.endPort : undefined;
        const same = ports.filter((p) => p.protocol === protocol);
        const found =
          typeof port === 'number'
            ? same.some((p) => p.containerPort >= port && p.containerPort <= (end ?? port))
            : same.some((p) => p.name === port);
        if (found || (ambient && protocol === 'TCP' && port === HBONE_PORT)) return;
        const shown = typeof port === 'number' ? `${port}${end ? `-${end}` : ''}` : `"${port}"`;
        const path = ['spec', 'ingress', r, 'ports', i, 'port'];
        ctx.report({
          object: policy.object,
          path,
          message: `NetworkPolicy ${policy.name} allows ${protocol} port ${shown}, which no container of the pods it selects (${policy.pods.map((p) => describeObject(p.object)).join(', ')}) declares; ports declared: ${listPorts(ports)}`,
          fix: typeof port === 'string' ? portNameFix(port, same, path) : undefined,
        });
      });
    });
  }
}

export const networkpolicyPortUnresolvedRule: Rule = {
  id: 'networkpolicy/port-unresolved',
  title: 'NetworkPolicy port matches no container port',
  severity: 'warning',
  category: 'networkpolicy',
  patterns: [],
  description:
    "An ingress rule port of a NetworkPolicy is a port of the selected pods, by number or by name (resolved per pod). A port that no selected container declares usually means the policy allows the wrong port, and the real one stays blocked. Port 15008 (HBONE) of pods enrolled in Istio ambient mode is served by the node's ztunnel and counts as declared.",
  remediation:
    'Use the containerPort number or name of the serving container (in the sidecar-proxy pattern: the proxy port).',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors',
  ],
  check,
};
