import { BadRequestError } from '../../common/errors.js';
import { jobNote, metadata, selectorLabels, service } from './common.js';
import type { RenderContext } from './context.js';
import {
  admittedText,
  callerIdentities,
  istioAuthorizationPolicy,
  linkerdPolicy,
  serviceAccount,
} from './mesh-identity.js';
import { restrictSources } from './mesh-network-policy.js';
import { meshRoute, meshRouteNotes } from './mesh-route.js';
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
  const admitted = admittedText(identities, peerAccount, named);
  switch (ctx.mesh) {
    case 'istio':
      ctx.notes.push(
        'Istio injects its proxy through its own webhook (the pod label sidecar.istio.io/inject); Kubernetes injects nothing. Expect roughly +2.7 ms p90 for the client and server proxies together.',
        "The PeerAuthentication sets mTLS to STRICT for the app's pods; Istio's mesh-wide default is PERMISSIVE (plaintext accepted).",
        `The AuthorizationPolicy (ALLOW) admits only ${admitted} on port ${appPort}; every other caller is denied.`,
        'With Pod Security "restricted" enforced, install Istio with the istio-cni node agent: the default istio-init container needs NET_ADMIN.',
      );
      break;
    case 'istio-ambient':
      ctx.notes.push(
        "Ambient mode: the node's ztunnel carries L4 mTLS over HBONE (port 15008); no sidecar is injected.",
        'The PeerAuthentication sets mTLS to STRICT for these pods.',
        `The AuthorizationPolicy (ALLOW) admits only ${admitted} on port ${appPort}; ztunnel enforces it at L4 (principals, namespaces, ports). L7 rules (paths, methods, headers) need a waypoint proxy.`,
        "The NetworkPolicy admits port 15008 (HBONE), on which ztunnel receives mesh traffic for the pod, and 169.254.7.127, the address ztunnel sends the kubelet's probes from.",
      );
      break;
    case 'linkerd':
      ctx.notes.push(
        'Linkerd injects its proxy through its own webhook (the pod annotation linkerd.io/inject); mTLS between meshed pods is on by default.',
        `The Server (accessPolicy deny) refuses every client on the http port but those the AuthorizationPolicy admits: mTLS clients running as ${admitted} (MeshTLSAuthentication ${ctx.name}-callers). Other ports take default-inbound-policy all-authenticated; the kubelet's probes stay allowed.`,
        'With Pod Security "restricted" enforced, install the linkerd-cni plugin: the default linkerd-init container needs NET_ADMIN.',
      );
      break;
  }
  if (ctx.networkPolicy) {
    ctx.notes.push(
      named
        ? "The app's NetworkPolicy admits only the callers' namespaces and pod labels (a ServiceAccount is no NetworkPolicy selector: the mesh policy checks it)."
        : "The app's NetworkPolicy admits only the peer's pods.",
    );
  }
  ctx.notes.push(
    `Each workload runs as its own ServiceAccount (${accounts.map((a) => (a.metadata as { name: string }).name).join(', ')}) with automountServiceAccountToken: false; the mesh proxy gets its identity from its own projected token.`,
  );
  if (named && ctx.callers.some((c) => c.podLabels)) {
    ctx.notes.push(
      "A mesh admits identities (ServiceAccounts), not pod labels: callers named by podLabels are admitted by their namespace's accounts; give serviceAccount to narrow it.",
    );
  }
  if (named) {
    ctx.notes.push(
      'options.callers names the clients, so no stand-in peer is rendered (containers.peer is not used); the callers must run in the mesh, or the policy refuses them.',
    );
  }
  if (!ctx.namespace && identities.some((id) => id.serviceAccount && !id.namespace)) {
    ctx.notes.push(
      ctx.mesh === 'linkerd'
        ? 'No namespace given: the MeshTLSAuthentication refers to ServiceAccounts of the namespace it is applied in.'
        : 'No namespace given: the AuthorizationPolicy matches the ServiceAccount by name in any namespace (*/sa/<name>); give namespace to pin it to cluster.local/ns/<namespace>/sa/<name>.',
    );
  }
  ctx.notes.push(
    ctx.mesh === 'linkerd'
      ? 'Provide: Linkerd 2.12 or later with its policy CRDs (policy.linkerd.io) installed.'
      : `Provide: Istio${ambient ? ' in ambient mode (ztunnel)' : ''} with its CRDs (security.istio.io) installed.`,
  );
  if (namespaces.length > 0) {
    ctx.notes.push(
      `The Namespace ${ctx.namespace} is rendered (options.createNamespace) with ${wiring.namespaceHint}; if it already exists, apply only that.`,
    );
  } else {
    ctx.notes.push(
      `No Namespace is rendered (set options.createNamespace to get one): injection is requested on the pod templates, which works in any namespace not opted out; to enrol the whole namespace, set ${wiring.namespaceHint} on it where your namespaces are managed.`,
    );
  }
  ctx.notes.push(...meshRouteNotes(ctx));
  jobNote(ctx);
  return [
    ...namespaces,
    ...accounts,
    ...ordered({ services: [appService(ctx)], units, extras: policies }),
  ];
}
