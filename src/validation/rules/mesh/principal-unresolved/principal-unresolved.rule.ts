import { closeMatch } from '../../../engine/fix/did-you-mean.js';
import type { JsonPath, Rule, RuleContext } from '../../../engine/types.js';
import { asArray, asRecord, asString } from '../../../model/json.js';
import {
  bundleNamespaces,
  meshResources,
  type MeshResource,
} from '../../../model/mesh/resources.js';

/** Istio principal `<trust domain>/ns/<namespace>/sa/<service account>`. */
const ISTIO_PRINCIPAL = /^[^/]+\/ns\/([^/]+)\/sa\/([^/]+)$/;
/** Linkerd identity `<sa>.<namespace>.serviceaccount.identity.<control plane ns>.<trust domain>`. */
const LINKERD_IDENTITY = /^([^.]+)\.([^.]+)\.serviceaccount\.identity\./;

interface Principal {
  policy: MeshResource;
  path: JsonPath;
  text: string;
  namespace: string;
  name: string;
}

function istioPrincipals(policy: MeshResource): Principal[] {
  const out: Principal[] = [];
  asArray(policy.spec.rules).forEach((rule, i) =>
    asArray(asRecord(rule)?.from).forEach((from, j) => {
      const source = asRecord(asRecord(from)?.source);
      for (const field of ['principals', 'notPrincipals'] as const) {
        asArray(source?.[field]).forEach((value, k) => {
          if (typeof value !== 'string' || value.includes('*')) return;
          const m = ISTIO_PRINCIPAL.exec(value);
          if (m)
            out.push({
              policy,
              path: ['spec', 'rules', i, 'from', j, 'source', field, k],
              text: value,
              namespace: m[1],
              name: m[2],
            });
        });
      }
    }),
  );
  return out;
}

function serviceAccountRefs(policy: MeshResource, field: string): Principal[] {
  const out: Principal[] = [];
  asArray(policy.spec[field]).forEach((item, k) => {
    const ref = asRecord(item);
    if (asString(ref?.kind) !== 'ServiceAccount' || !asString(ref?.name)) return;
    const name = asString(ref?.name) as string;
    const namespace = asString(ref?.namespace) ?? policy.namespace;
    out.push({
      policy,
      path: ['spec', field, k, 'name'],
      text: `ServiceAccount ${namespace}/${name}`,
      namespace,
      name,
    });
  });
  return out;
}

function linkerdPrincipals(ctx: RuleContext): Principal[] {
  const out: Principal[] = [];
  const resources = meshResources(ctx);
  for (const auth of resources.linkerd('MeshTLSAuthentication')) {
    asArray(auth.spec.identities).forEach((value, k) => {
      if (typeof value !== 'string' || value.includes('*')) return;
      const m = LINKERD_IDENTITY.exec(value);
      if (m)
        out.push({
          policy: auth,
          path: ['spec', 'identities', k],
          text: value,
          namespace: m[2],
          name: m[1],
        });
    });
    out.push(...serviceAccountRefs(auth, 'identityRefs'));
  }
  for (const policy of resources.linkerd('AuthorizationPolicy'))
    out.push(...serviceAccountRefs(policy, 'requiredAuthenticationRefs'));
  return out;
}

/** ServiceAccounts the bundle defines in a namespace. */
function accountsIn(ctx: RuleContext, namespace: string): string[] {
  return ctx
    .byKind('ServiceAccount')
    .filter((o) => (asString(asRecord(o.raw.metadata)?.namespace) ?? 'default') === namespace)
    .map((o) => asString(asRecord(o.raw.metadata)?.name))
    .filter((n): n is string => n !== undefined);
}

function check(ctx: RuleContext): void {
  const principals = [
    ...meshResources(ctx).istio('AuthorizationPolicy').flatMap(istioPrincipals),
    ...linkerdPrincipals(ctx),
  ];
  if (principals.length === 0) return;
  const covered = bundleNamespaces(ctx);
  for (const p of principals) {
    // Every namespace has a `default` ServiceAccount (the ServiceAccount admission controller).
    if (p.name === 'default' || ctx.lookup('ServiceAccount', p.namespace, p.name)) continue;
    const where = `${p.policy.kind} ${p.policy.namespace}/${p.policy.name} admits ${p.text}`;
    if (!covered.has(p.namespace)) {
      ctx.report({
        object: p.policy.object,
        path: p.path,
        severity: 'info',
        message: `${where}, a ServiceAccount in namespace ${p.namespace}, where the bundle has no object: it may be defined there`,
        missingReference: true,
      });
      continue;
    }
    // A caller is usually another application of the namespace, deployed on its own: only a name
    // close to one of the bundle's accounts, or a namespace the bundle owns, points to a mistake.
    const near = closeMatch(p.name, accountsIn(ctx, p.namespace));
    const owned = ctx.lookup('Namespace', undefined, p.namespace) !== undefined;
    ctx.report({
      object: p.policy.object,
      path: p.path,
      severity: near || owned ? undefined : 'info',
      message:
        near || owned
          ? `${where}, but the bundle has no ServiceAccount ${p.name} in namespace ${p.namespace}${near ? ` (it has ${near})` : ''}: no workload carries that identity, and the callers meant are refused`
          : `${where}; no workload of the bundle runs as ServiceAccount ${p.name}: it must exist in namespace ${p.namespace} for those callers to be admitted`,
      missingReference: true,
    });
  }
}

export const meshPrincipalUnresolvedRule: Rule = {
  id: 'mesh/principal-unresolved',
  title: 'Mesh principal names no ServiceAccount',
  severity: 'warning',
  category: 'mesh',
  patterns: ['service-mesh'],
  description:
    'Mesh identities are ServiceAccounts: an Istio AuthorizationPolicy principal `cluster.local/ns/<namespace>/sa/<name>`, a Linkerd MeshTLSAuthentication identity `<name>.<namespace>.serviceaccount.identity.linkerd.cluster.local` or identityRef, and a Linkerd AuthorizationPolicy `requiredAuthenticationRefs` ServiceAccount. One that names a ServiceAccount the bundle lacks (in a namespace the bundle holds) matches no workload: the callers it was meant to admit are refused, usually because of a typo or a workload running under another ServiceAccount. The `default` ServiceAccount always exists. It is a warning when the name is close to a ServiceAccount of the bundle (a typo) or the bundle holds the Namespace itself; otherwise the caller is taken for another application of that namespace and reported as info, as is a namespace the bundle has no object in.',
  remediation:
    'Name the ServiceAccount the calling workload runs as (`serviceAccountName`), or add that ServiceAccount to the bundle. With scope: partial the finding is info.',
  references: [
    'https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source',
    'https://linkerd.io/2/reference/authorization-policy/#meshtlsauthentication',
  ],
  check,
};
