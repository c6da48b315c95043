import { jobNote, metadata, selectorLabels, service } from './common.js';
import type { RenderContext } from './context.js';
import { appParty } from './parties.js';
import type { K8sObject, MeshKind } from './types.js';
import { ordered, unit } from './unit.js';

/** ztunnel delivers ambient-mode traffic to the pod on this HBONE port. */
const HBONE_PORT = 15008;

interface MeshWiring {
  namespaceLabels?: Record<string, string>;
  namespaceAnnotations?: Record<string, string>;
  podLabels?: Record<string, string>;
  podAnnotations?: Record<string, string>;
}

const WIRING: Record<MeshKind, MeshWiring> = {
  istio: {
    namespaceLabels: { 'istio-injection': 'enabled' },
    podLabels: { 'sidecar.istio.io/inject': 'true' },
  },
  'istio-ambient': {
    namespaceLabels: { 'istio.io/dataplane-mode': 'ambient' },
    podLabels: { 'istio.io/dataplane-mode': 'ambient' },
  },
  linkerd: {
    namespaceAnnotations: { 'linkerd.io/inject': 'enabled' },
    podAnnotations: {
      'linkerd.io/inject': 'enabled',
      // Only meshed (mTLS-authenticated) clients may connect; Linkerd still admits the kubelet's probes.
      'config.linkerd.io/default-inbound-policy': 'all-authenticated',
    },
  },
};

/** The app joined to Istio (sidecar or ambient) or Linkerd, with mTLS enforced between workloads. */
export function renderServiceMesh(ctx: RenderContext): K8sObject[] {
  const wiring = WIRING[ctx.mesh];
  const app = appParty(ctx.app);
  const ambient = ctx.mesh === 'istio-ambient';
  const pods = unit(ctx, {
    workloadName: ctx.name,
    component: 'app',
    containers: [app.container],
    volumes: app.volumes,
    podLabels: wiring.podLabels,
    podAnnotations: wiring.podAnnotations,
    primaryPort: { name: 'http', port: ctx.app.port ?? 80 },
    ingress: ambient ? [{ ports: ['http'] }, { ports: [HBONE_PORT] }] : [{ ports: ['http'] }],
  });

  const namespaces: K8sObject[] = [];
  if (ctx.namespace) {
    namespaces.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ctx.namespace,
        ...(wiring.namespaceLabels ? { labels: { ...wiring.namespaceLabels } } : {}),
        ...(wiring.namespaceAnnotations ? { annotations: { ...wiring.namespaceAnnotations } } : {}),
      },
    });
  }

  const extras: K8sObject[] = [];
  if (ctx.mesh !== 'linkerd') {
    extras.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: metadata(ctx, ctx.name, 'app'),
      spec: { selector: { matchLabels: selectorLabels(ctx, 'app') }, mtls: { mode: 'STRICT' } },
    });
  }

  switch (ctx.mesh) {
    case 'istio':
      ctx.notes.push(
        'Istio injects its proxy through its own webhook (the pod label sidecar.istio.io/inject); Kubernetes injects nothing. Expect roughly +2.7 ms p90 for the client and server proxies together.',
        "The PeerAuthentication sets mTLS to STRICT for these pods; Istio's mesh-wide default is PERMISSIVE (plaintext accepted).",
        'With Pod Security "restricted" enforced, install Istio with the istio-cni node agent: the default istio-init container needs NET_ADMIN.',
      );
      break;
    case 'istio-ambient':
      ctx.notes.push(
        "Ambient mode: the node's ztunnel carries L4 mTLS over HBONE (port 15008); no sidecar is injected. L7 policy needs a waypoint proxy.",
        'The PeerAuthentication sets mTLS to STRICT for these pods.',
        "The NetworkPolicy admits port 15008 (HBONE) for the node's ztunnel, which receives mesh traffic on the pod's behalf.",
      );
      break;
    case 'linkerd':
      ctx.notes.push(
        'Linkerd injects its proxy through its own webhook (linkerd.io/inject); mTLS between meshed pods is on by default, and default-inbound-policy all-authenticated refuses unmeshed clients.',
        'With Pod Security "restricted" enforced, install the linkerd-cni plugin: the default linkerd-init container needs NET_ADMIN.',
      );
      break;
  }
  if (ctx.namespace) {
    ctx.notes.push(
      `The Namespace ${ctx.namespace} is labelled for the mesh; if it already exists, apply only its labels.`,
    );
  } else {
    ctx.notes.push('No namespace given: injection is requested on the pod template only.');
  }
  jobNote(ctx);
  return ordered({
    namespaces,
    services: [service(ctx, ctx.name, 'app', [{ name: 'http', port: 80, targetPort: 'http' }])],
    units: [pods],
    extras,
  });
}
