import type { JsonPath, Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import type {
  PodTemplate,
  ServiceInfo,
  ServicePortInfo,
} from '../../../model/bundle-model.types.js';
import { describeObject, describePod } from '../../../model/describe.js';
import { asArray, asRecord, asString, isPortNumber, stringMap } from '../../../model/json.js';
import { resolveHost } from '../../../model/mesh/hosts.js';
import { meshResources, type MeshResource } from '../../../model/mesh/resources.js';
import { meshOf } from '../../../model/mesh/sidecars.js';
import { effectiveMtls } from '../../../model/mesh/workloads.js';
import { podLabels } from '../../../model/controller-labels.js';
import { matchesLabelMap } from '../../../model/selectors.js';
import { routedPorts } from '../../../model/service-routing.js';

/** Client TLS modes that do not speak Istio mTLS to the server's sidecar. */
const PLAIN_TO_SIDECAR = new Set(['DISABLE', 'SIMPLE']);

interface TlsSetting {
  mode: string;
  path: JsonPath;
  pods: PodTemplate[];
  /** Service ports it applies to (all when undefined). */
  servicePort?: number;
}

function tlsSettings(rule: MeshResource, service: ServiceInfo): TlsSetting[] {
  const out: TlsSetting[] = [];
  const read = (policy: unknown, base: JsonPath, pods: PodTemplate[]): void => {
    const tp = asRecord(policy);
    if (!tp) return;
    const mode = asString(asRecord(tp.tls)?.mode);
    if (mode) out.push({ mode, path: [...base, 'tls', 'mode'], pods });
    asArray(tp.portLevelSettings).forEach((item, k) => {
      const setting = asRecord(item);
      const portMode = asString(asRecord(setting?.tls)?.mode);
      const number = asRecord(setting?.port)?.number;
      if (portMode && isPortNumber(number))
        out.push({
          mode: portMode,
          path: [...base, 'portLevelSettings', k, 'tls', 'mode'],
          pods,
          servicePort: number,
        });
    });
  };
  read(rule.spec.trafficPolicy, ['spec', 'trafficPolicy'], service.pods);
  asArray(rule.spec.subsets).forEach((item, i) => {
    const subset = asRecord(item);
    const labels = stringMap(subset?.labels);
    const pods = service.pods.filter((p) => matchesLabelMap(podLabels(p), labels));
    read(subset?.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy'], pods);
  });
  return out;
}

/** The workload port a Service port lands on in one pod (PeerAuthentication ports are workload ports). */
function workloadPort(pod: PodTemplate, port: ServicePortInfo): number | undefined {
  const routed = routedPorts(pod, port)[0];
  if (routed) return routed.containerPort;
  const target = port.targetPort ?? port.port;
  return typeof target === 'number' ? target : undefined;
}

function checkIstio(ctx: RuleContext): void {
  for (const rule of meshResources(ctx).istio('DestinationRule')) {
    const host = asString(rule.spec.host);
    const target = host ? resolveHost(ctx, host, rule.namespace).target : undefined;
    if (target?.kind !== 'Service') continue;
    for (const setting of tlsSettings(rule, target.service)) {
      if (!PLAIN_TO_SIDECAR.has(setting.mode)) continue;
      const ports = target.service.ports.filter(
        (p) => setting.servicePort === undefined || p.port === setting.servicePort,
      );
      let conflict:
        { pod: PodTemplate; port?: number; policy: MeshResource; path: JsonPath } | undefined;
      for (const pod of setting.pods) {
        for (const port of ports.length > 0 ? ports : [undefined]) {
          const number = port ? workloadPort(pod, port) : undefined;
          const mtls = effectiveMtls(ctx, pod, number);
          if (mtls.mode === 'STRICT' && mtls.policy && mtls.path) {
            conflict = { pod, port: number, policy: mtls.policy, path: mtls.path };
            break;
          }
        }
        if (conflict) break;
      }
      if (!conflict) continue;
      ctx.report({
        object: rule.object,
        path: setting.path,
        message: `DestinationRule ${rule.name} sends ${setting.mode === 'DISABLE' ? 'plain text' : 'TLS that is not Istio mTLS (SIMPLE)'} to ${describeObject(target.service.object)}, but PeerAuthentication ${conflict.policy.namespace}/${conflict.policy.name} requires STRICT mTLS on ${describePod(conflict.pod)}${conflict.port !== undefined ? ` port ${conflict.port}` : ''}: the server's sidecar resets every connection`,
        related: [{ object: conflict.policy.object, path: conflict.path }],
      });
    }
  }
}

/** `25,3306,4000-4010,http` → the port numbers (named ports resolved in the pod). */
function portSet(value: string | undefined, pod: PodTemplate): Set<number> {
  const out = new Set<number>();
  for (const part of (value ?? '').split(',').map((s) => s.trim())) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      for (let n = from; n <= to && n - from < 65536; n++) out.add(n);
    } else if (/^\d+$/.test(part)) out.add(Number(part));
    else if (part !== '') pod.portsByName(part).forEach((p) => out.add(p.containerPort));
  }
  return out;
}

const OPAQUE = 'config.linkerd.io/opaque-ports';
const SKIP_INBOUND = 'config.linkerd.io/skip-inbound-ports';

function checkLinkerd(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    if (meshOf(ctx, pod)?.mesh !== 'linkerd') continue;
    const skip = pod.annotations[SKIP_INBOUND];
    if (!skip) continue;
    const namespaceAnnotations = stringMap(
      asRecord(
        ctx.objects.find(
          (o) =>
            (o.ref.kind ?? o.raw.kind) === 'Namespace' &&
            asString(asRecord(o.raw.metadata)?.name) === pod.namespace,
        )?.raw.metadata,
      )?.annotations,
    );
    const opaque = portSet(pod.annotations[OPAQUE] ?? namespaceAnnotations[OPAQUE], pod);
    const both = [...portSet(skip, pod)].filter((n) => opaque.has(n));
    if (both.length === 0) continue;
    ctx.report({
      object: pod.object,
      path: [...pod.metadataPath, 'annotations', SKIP_INBOUND],
      message: `port${both.length > 1 ? 's' : ''} ${both.slice(0, 5).join(', ')} of ${describePod(pod)} ${both.length > 1 ? 'are' : 'is'} both opaque (${OPAQUE}: meshed clients send it mTLS-wrapped) and skipped inbound (${SKIP_INBOUND}: the proxy is bypassed, so the app receives the TLS bytes): the connection breaks`,
    });
  }
}

function check(ctx: RuleContext): void {
  checkIstio(ctx);
  checkLinkerd(ctx);
}

export const meshMtlsConflictRule: Rule = {
  id: 'mesh/mtls-conflict',
  title: 'Client and server mTLS disagree',
  severity: 'error',
  category: 'mesh',
  patterns: ['service-mesh'],
  description:
    "Istio: a DestinationRule whose `tls.mode` is DISABLE (plain text) or SIMPLE (one-way TLS) toward a workload whose PeerAuthentication is STRICT — the most specific one wins: workload selector, then namespace, then the root namespace's mesh-wide policy — makes the client's sidecar send what the server's sidecar refuses (istioctl analyze: IST0113 MTLSPolicyConflict, in older releases). Linkerd: a port both opaque (`config.linkerd.io/opaque-ports`, so meshed clients wrap it in mTLS) and skipped inbound (`config.linkerd.io/skip-inbound-ports`, so the proxy is bypassed and the app receives the TLS bytes).",
  remediation:
    'Istio: use `tls.mode: ISTIO_MUTUAL` (or drop the tls block, Istio then uses mTLS automatically) toward STRICT workloads, or make the PeerAuthentication PERMISSIVE for that port (portLevelMtls). Linkerd: remove the port from one of the two annotations.',
  references: [
    'https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings-TLSmode',
    'https://istio.io/latest/docs/concepts/security/#peer-authentication',
    'https://linkerd.io/2/features/protocol-detection/',
  ],
  check,
};
