import { BadRequestError } from '../../common/errors.js';
import { metadata, selectorLabels } from './common.js';
import type { RenderContext } from './context.js';
import type { CallerInput, K8sObject } from './types.js';

/**
 * Zero trust in a mesh (DESIGN §10): every workload runs as its own ServiceAccount, and only the
 * callers' identities may reach the app. A mesh identity is a ServiceAccount (Istio's SPIFFE
 * principal `cluster.local/ns/<ns>/sa/<sa>`, Linkerd's `<sa>.<ns>.serviceaccount.identity...`), so
 * a caller named by pod labels alone is admitted by its namespace; its labels narrow nothing here.
 */

/** A ServiceAccount that mounts no API token: nothing rendered here talks to the API server. */
export function serviceAccount(ctx: RenderContext, name: string, component: string): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: metadata(ctx, name, component),
    automountServiceAccountToken: false,
  };
}

/** A caller as a mesh identity: a ServiceAccount (in a namespace, or the app's own), or a namespace. */
export interface Identity {
  namespace?: string;
  serviceAccount?: string;
}

/** The callers' identities; the rendered peer's ServiceAccount when the request names none. */
export function callerIdentities(ctx: RenderContext, peerAccount: string): Identity[] {
  if (ctx.callers.length === 0) return [{ namespace: ctx.namespace, serviceAccount: peerAccount }];
  return ctx.callers.map((caller: CallerInput, i) => {
    if (!caller.namespace && !caller.serviceAccount && !caller.podLabels) {
      throw new BadRequestError(`Invalid request: options.callers[${i}].`, [
        {
          field: `options.callers[${i}]`,
          message: 'must name a namespace, a serviceAccount or podLabels',
        },
      ]);
    }
    return {
      namespace: caller.namespace ?? ctx.namespace,
      ...(caller.serviceAccount ? { serviceAccount: caller.serviceAccount } : {}),
    };
  });
}

/** Istio principals and namespaces of the identities (a policy's `from` entries are ORed). */
function istioSources(ctx: RenderContext, identities: Identity[]): Array<Record<string, unknown>> {
  const principals: string[] = [];
  const namespaces: string[] = [];
  for (const id of identities) {
    if (id.serviceAccount) {
      // Without a namespace the app's is unknown here: a suffix match admits that account name in any namespace.
      principals.push(
        id.namespace
          ? `cluster.local/ns/${id.namespace}/sa/${id.serviceAccount}`
          : `*/sa/${id.serviceAccount}`,
      );
    } else if (id.namespace) {
      namespaces.push(id.namespace);
    } else {
      // A caller named by pod labels in the app's namespace, which the request does not name:
      // any mTLS identity here, and the NetworkPolicy narrows it to those pods of that namespace,
      // as it narrows `source.namespaces` by the labels when the namespace is known.
      principals.push('*');
    }
  }
  return [
    ...(principals.length > 0 ? [{ source: { principals: [...new Set(principals)] } }] : []),
    ...(namespaces.length > 0 ? [{ source: { namespaces: [...new Set(namespaces)] } }] : []),
  ];
}

/** Istio (sidecar and ambient): ALLOW only the identities on the app's port; all else is denied. */
export function istioAuthorizationPolicy(
  ctx: RenderContext,
  name: string,
  identities: Identity[],
  port: number,
): K8sObject {
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: metadata(ctx, name, 'app'),
    spec: {
      selector: { matchLabels: selectorLabels(ctx, 'app') },
      action: 'ALLOW',
      rules: [
        { from: istioSources(ctx, identities), to: [{ operation: { ports: [String(port)] } }] },
      ],
    },
  };
}

/**
 * Linkerd: a Server for the app's port that denies by default, and an AuthorizationPolicy that
 * admits only mTLS clients with the callers' identities (MeshTLSAuthentication identityRefs:
 * Linkerd resolves a ServiceAccount to its identity; no name means every account of the namespace).
 */
export function linkerdPolicy(
  ctx: RenderContext,
  name: string,
  identities: Identity[],
  portName: string,
): K8sObject[] {
  const refs = identities.map((id) => ({
    kind: 'ServiceAccount',
    ...(id.serviceAccount ? { name: id.serviceAccount } : {}),
    ...(id.namespace && id.namespace !== ctx.namespace ? { namespace: id.namespace } : {}),
  }));
  const unique = [...new Map(refs.map((r) => [JSON.stringify(r), r])).values()];
  return [
    {
      apiVersion: 'policy.linkerd.io/v1beta3',
      kind: 'Server',
      metadata: metadata(ctx, name, 'app'),
      spec: {
        podSelector: { matchLabels: selectorLabels(ctx, 'app') },
        port: portName,
        proxyProtocol: 'HTTP/1',
        accessPolicy: 'deny',
      },
    },
    {
      apiVersion: 'policy.linkerd.io/v1alpha1',
      kind: 'MeshTLSAuthentication',
      metadata: metadata(ctx, `${name}-callers`, 'app'),
      spec: { identityRefs: unique },
    },
    {
      apiVersion: 'policy.linkerd.io/v1alpha1',
      kind: 'AuthorizationPolicy',
      metadata: metadata(ctx, name, 'app'),
      spec: {
        targetRef: { group: 'policy.linkerd.io', kind: 'Server', name },
        requiredAuthenticationRefs: [
          { group: 'policy.linkerd.io', kind: 'MeshTLSAuthentication', name: `${name}-callers` },
        ],
      },
    },
  ];
}

/** One line naming who is admitted, for the notes. */
export function admittedText(identities: Identity[], peerAccount: string, named: boolean): string {
  if (!named) return `the peer's ServiceAccount ${peerAccount} (no options.callers given)`;
  return identities
    .map((id) =>
      id.serviceAccount
        ? `ServiceAccount ${id.namespace ? `${id.namespace}/` : ''}${id.serviceAccount}`
        : `every ServiceAccount of namespace ${id.namespace}`,
    )
    .join(', ');
}
