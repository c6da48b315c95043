import type { RenderContext } from './context.js';
import { admittedText, type Identity } from './mesh-identity.js';
import { meshRouteNotes } from './mesh-route.js';

/** What the render decided, for the notes. */
export interface MeshNoteFacts {
  /** How the team enrols a namespace it owns. */
  namespaceHint: string;
  namespaceRendered: boolean;
  identities: Identity[];
  /** True when options.callers named the clients. */
  named: boolean;
  accounts: string[];
  peerAccount: string;
  appPort: number;
}

/** The service-mesh notes: what was rendered, who is admitted, and what the team must provide. */
export function meshNotes(ctx: RenderContext, facts: MeshNoteFacts): void {
  const { identities, named, peerAccount, appPort } = facts;
  const ambient = ctx.mesh === 'istio-ambient';
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
      );
      if (ctx.networkPolicy) {
        ctx.notes.push(
          "The NetworkPolicy admits port 15008 (HBONE), on which ztunnel receives mesh traffic for the pod, and 169.254.7.127, the address ztunnel sends the kubelet's probes from.",
        );
      }
      break;
    case 'linkerd':
      ctx.notes.push(
        'Linkerd injects its proxy through its own webhook (the pod annotation linkerd.io/inject); mTLS between meshed pods is on by default.',
        `The Server (accessPolicy deny) refuses every client on the http port but those the AuthorizationPolicy admits: mTLS clients running as ${admitted} (MeshTLSAuthentication ${ctx.name}-callers). Other ports take default-inbound-policy all-authenticated. The kubelet's probes stay allowed: Linkerd authorizes probe paths on a Server that has no HTTPRoutes of its own.`,
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
    `Each workload runs as its own ServiceAccount (${facts.accounts.join(', ')}) with automountServiceAccountToken: false; the mesh proxy gets its identity from its own projected token.`,
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
  if (facts.namespaceRendered) {
    ctx.notes.push(
      `The Namespace ${ctx.namespace} is rendered (options.createNamespace) with ${facts.namespaceHint}; if it already exists, apply only that.`,
    );
  } else {
    ctx.notes.push(
      `No Namespace is rendered (set options.createNamespace to get one): injection is requested on the pod templates, which works in any namespace not opted out; to enrol the whole namespace, set ${facts.namespaceHint} on it where your namespaces are managed.`,
    );
  }
  ctx.notes.push(...meshRouteNotes(ctx));
}
