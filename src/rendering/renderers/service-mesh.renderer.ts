import { BadRequestError } from '../../common/errors.js';
import { jobNote, metadata, selectorLabels, service } from './common.js';
import type { RenderContext } from './context.js';
import {
  callerIdentities,
  istioAuthorizationPolicy,
  linkerdPolicy,
  serviceAccount,
} from './mesh-identity.js';
import { restrictSources } from './mesh-network-policy.js';
import { meshNotes } from './mesh-notes.js';
import { meshRoute } from './mesh-route.js';
import { appParty, peerParty } from './parties.js';
import type { K8sObject, MeshKind } from './types.js';
import { ordered, unit } from './unit.js';

/** ztunnel delivers ambient-mode traffic to the pod on this HBONE port. */
const HBONE_PORT = 15008;
const SERVICE_PORT = 80;

interface MeshWiring {
  namespaceLabels?: Record<string, string>;
  namespaceAnnotations?: Record<string, string>;
  podLabels?: Record<string, string>;
  podAnnotations?: Record<string, string>;
  /** How the team enrols a namespace it owns, for the notes. */
  namespaceHint: string;
}

const WIRING: Record<MeshKind, MeshWiring> = {
  istio: {
    namespaceLabels: { 'istio-injection': 'enabled' },
    // The pod label alone triggers injection unless the namespace says istio-injection=disabled.
    podLabels: { 'sidecar.istio.io/inject': 'true' },
    namespaceHint: 'the label istio-injection=enabled (or istio.io/rev=<revision>)',
  },
  'istio-ambient': {
    namespaceLabels: { 'istio.io/dataplane-mode': 'ambient' },
    podLabels: { 'istio.io/dataplane-mode': 'ambient' },
    namespaceHint: 'the label istio.io/dataplane-mode=ambient',
  },
  linkerd: {
    namespaceAnnotations: { 'linkerd.io/inject': 'enabled' },
    podAnnotations: {
      'linkerd.io/inject': 'enabled',
      // Only meshed (mTLS-authenticated) clients may connect; Linkerd still admits the kubelet's probes.
      'config.linkerd.io/default-inbound-policy': 'all-authenticated',
    },
    namespaceHint: 'the annotation linkerd.io/inject=enabled',
  },
};

/** The busybox stand-in client: it calls the app through its Service every 10 s. */
function peerScript(ctx: RenderContext): string {
  const url = `http://${ctx.name}:${SERVICE_PORT}/`;
  return `while true; do wget -q -O /dev/null -T 5 ${url} && echo "called ${url}" || echo "call to ${url} failed"; sleep 10; done`;
}

/** A Service port the mesh need not guess: named http and `appProtocol: http`. */
function appService(ctx: RenderContext): K8sObject {
  const svc = service(ctx, ctx.name, 'app', [
    { name: 'http', port: SERVICE_PORT, targetPort: 'http' },
  ]);
  const spec = svc.spec as { ports: Array<Record<string, unknown>> };
  spec.ports = spec.ports.map((p) => ({ ...p, appProtocol: 'http' }));
  return svc;
}

function namespaceObject(ctx: RenderContext, wiring: MeshWiring): K8sObject[] {
  if (!ctx.createNamespace) return [];
  if (!ctx.namespace) {
    throw new BadRequestError('Invalid request: options.createNamespace.', [
      { field: 'options.createNamespace', message: 'needs namespace: the Namespace to create' },
    ]);
  }
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ctx.namespace,
        ...(wiring.namespaceLabels ? { labels: { ...wiring.namespaceLabels } } : {}),
        ...(wiring.namespaceAnnotations ? { annotations: { ...wiring.namespaceAnnotations } } : {}),
      },
    },
  ];
}

/**
 * The app joined to Istio (sidecar or ambient) or Linkerd with zero trust (DESIGN §10): its own
 * ServiceAccount, STRICT mTLS, and a policy admitting only the callers (or, when none are named,
 * the peer this render adds as the client). Optionally a GAMMA HTTPRoute for timeouts and retries.
 */
export function renderServiceMesh(ctx: RenderContext): K8sObject[] {
  const wiring = WIRING[ctx.mesh];
  const ambient = ctx.mesh === 'istio-ambient';
  const appPort = ctx.app.port ?? 80;
  const appAccount = ctx.name;
  const peerAccount = `${ctx.name}-peer`;
  const named = ctx.callers.length > 0;
  const identities = callerIdentities(ctx, peerAccount);

  const app = appParty(ctx.app);
  const appUnit = unit(ctx, {
    workloadName: ctx.name,
    component: 'app',
    containers: [app.container],
    volumes: app.volumes,
    podLabels: wiring.podLabels,
    podAnnotations: wiring.podAnnotations,
    podExtra: { serviceAccountName: appAccount },
    primaryPort: { name: 'http', port: appPort },
    ingress: ambient ? [{ ports: ['http'] }, { ports: [HBONE_PORT] }] : [{ ports: ['http'] }],
  });
  restrictSources(ctx, appUnit.policies);
  const accounts = [serviceAccount(ctx, appAccount, 'app')];
  const units = [appUnit];
  if (!named) {
    // Named callers are the clients; without them the render brings one, so the policy admits someone real.
    const peer = peerParty(ctx.peer!, { script: peerScript(ctx) });
    units.push(
      unit(ctx, {
        workloadName: peerAccount,
        component: 'peer',
        kind: 'Deployment',
        replicas: 1,
        containers: [peer.container],
        volumes: peer.volumes,
        podLabels: wiring.podLabels,
        podAnnotations: wiring.podAnnotations,
        podExtra: { serviceAccountName: peerAccount },
        ingress: [],
      }),
    );
    accounts.push(serviceAccount(ctx, peerAccount, 'peer'));
  }

  const policies: K8sObject[] = [];
  if (ctx.mesh === 'linkerd') {
    policies.push(...linkerdPolicy(ctx, ctx.name, identities, 'http'));
  } else {
    policies.push(
      {
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        metadata: metadata(ctx, ctx.name, 'app'),
        spec: { selector: { matchLabels: selectorLabels(ctx, 'app') }, mtls: { mode: 'STRICT' } },
      },
      istioAuthorizationPolicy(ctx, ctx.name, identities, appPort),
    );
  }
  if (ctx.route) policies.push(meshRoute(ctx, ctx.name, SERVICE_PORT));

  const namespaces = namespaceObject(ctx, wiring);
  meshNotes(ctx, {
    namespaceHint: wiring.namespaceHint,
    namespaceRendered: namespaces.length > 0,
    identities,
    named,
    accounts: accounts.map((a) => (a.metadata as { name: string }).name),
    peerAccount,
    appPort,
  });
  jobNote(ctx);
  return [
    ...namespaces,
    ...accounts,
    ...ordered({ services: [appService(ctx)], units, extras: policies }),
  ];
}
