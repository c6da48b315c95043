import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeObject, describePod } from '../../../model/describe.js';
import { asArray, asRecord, asString } from '../../../model/json.js';
import { meshOf } from '../../../model/mesh/sidecars.js';

/**
 * Istio's explicit protocol selection: `appProtocol`, or a port name `<protocol>[-<suffix>]`
 * (https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/).
 */
const ISTIO_PROTOCOLS = new Set([
  'http',
  'http2',
  'https',
  'grpc',
  'grpc-web',
  'tcp',
  'tls',
  'udp',
  'mongo',
  'mysql',
  'redis',
]);

function check(ctx: RuleContext): void {
  for (const service of modelOf(ctx).services) {
    if (service.type === 'ExternalName') continue;
    // Linkerd detects HTTP/1, HTTP/2 and gRPC itself and ignores port names: only Istio guesses.
    const meshed = service.pods.find((p) => {
      const mesh = meshOf(ctx, p)?.mesh;
      return mesh === 'istio' || mesh === 'istio-ambient';
    });
    if (!meshed) continue;
    const raw = asArray(asRecord(service.object.raw.spec)?.ports);
    for (const port of service.ports) {
      const item = asRecord(raw[port.index]);
      if (asString(item?.appProtocol)) continue;
      const name = port.name?.toLowerCase();
      if (name && (ISTIO_PROTOCOLS.has(name) || ISTIO_PROTOCOLS.has(name.split('-')[0]))) continue;
      ctx.report({
        object: service.object,
        path: [...port.path, name ? 'name' : 'port'],
        message: `port ${port.port ?? '?'}${port.name ? ` ("${port.name}")` : ''} of ${describeObject(service.object)} reaches ${describePod(meshed)}, which Istio meshes, but has no appProtocol and no protocol prefix in its name (http-, grpc-, tcp-…): Istio must sniff the protocol and treats what it cannot detect as plain TCP`,
      });
    }
  }
}

export const meshPortProtocolUnknownRule: Rule = {
  id: 'mesh/port-protocol-unknown',
  title: 'Meshed Service port without protocol',
  severity: 'warning',
  category: 'mesh',
  patterns: ['service-mesh'],
  description:
    'Istio routes a Service port by its protocol, taken from `appProtocol` or from the port name (`http`, `http2`, `https`, `grpc`, `grpc-web`, `tcp`, `tls`, `udp`, `mongo`, `mysql`, `redis`, optionally followed by `-suffix`). Without either, the sidecar (or waypoint) sniffs the first bytes: server-first protocols stall, and traffic it cannot classify is plain TCP, losing HTTP routing, retries and metrics (istioctl analyze: IST0118 PortNameIsNotUnderNamingConvention). Only Services whose pods Istio meshes (sidecar or ambient) are checked; Linkerd detects protocols itself.',
  remediation:
    'Set `appProtocol` (e.g. `http`, `grpc`, `tcp`, `kubernetes.io/h2c`) on the Service port, or name it `<protocol>` or `<protocol>-<suffix>` (e.g. `http-web`).',
  references: [
    'https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/',
    'https://istio.io/latest/docs/reference/config/analysis/ist0118/',
  ],
  check,
};
