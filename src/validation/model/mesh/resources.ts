import type { ManifestObject, RuleContext } from '../../engine/types.js';
import { asRecord, asString } from '../json.js';
import { namespaceOf } from '../pod-templates.js';

/** One Istio or Linkerd resource of the bundle, with what every mesh rule reads from it. */
export interface MeshResource {
  object: ManifestObject;
  kind: string;
  namespace: string;
  name: string;
  spec: Record<string, any>;
}

const ISTIO_GROUPS: Readonly<Record<string, string>> = {
  VirtualService: 'networking.istio.io',
  DestinationRule: 'networking.istio.io',
  ServiceEntry: 'networking.istio.io',
  Sidecar: 'networking.istio.io',
  PeerAuthentication: 'security.istio.io',
  AuthorizationPolicy: 'security.istio.io',
  RequestAuthentication: 'security.istio.io',
};
const LINKERD_GROUP = 'policy.linkerd.io';

/**
 * Istio's root namespace (meshConfig.rootNamespace, `istio-system` unless changed): a policy there
 * without a selector applies to the whole mesh, one with a selector to matching workloads of every
 * namespace (https://istio.io/latest/docs/reference/config/security/peer_authentication/,
 * https://istio.io/latest/docs/reference/config/security/authorization-policy/).
 */
export const ISTIO_ROOT_NAMESPACE = 'istio-system';

export interface MeshResources {
  istio(kind: keyof typeof ISTIO_GROUPS): MeshResource[];
  linkerd(kind: 'Server' | 'AuthorizationPolicy' | 'MeshTLSAuthentication'): MeshResource[];
}

function groupOf(object: ManifestObject): string {
  const apiVersion = object.ref.apiVersion ?? asString(object.raw.apiVersion) ?? '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

const cache = new WeakMap<readonly ManifestObject[], MeshResources>();

/** The bundle's Istio and Linkerd resources by kind, indexed once per validation run. */
export function meshResources(ctx: RuleContext): MeshResources {
  const cached = cache.get(ctx.objects);
  if (cached) return cached;
  const byKey = new Map<string, MeshResource[]>();
  for (const object of ctx.objects) {
    const kind = object.ref.kind ?? asString(object.raw.kind);
    if (!kind) continue;
    const group = groupOf(object);
    const key =
      group === LINKERD_GROUP
        ? `linkerd/${kind}`
        : ISTIO_GROUPS[kind] === group
          ? `istio/${kind}`
          : undefined;
    if (!key) continue;
    const list = byKey.get(key) ?? [];
    list.push({
      object,
      kind,
      namespace: namespaceOf(object),
      name: asString(asRecord(object.raw.metadata)?.name) ?? '',
      spec: asRecord(object.raw.spec) ?? {},
    });
    byKey.set(key, list);
  }
  const resources: MeshResources = {
    istio: (kind) => byKey.get(`istio/${kind}`) ?? [],
    linkerd: (kind) => byKey.get(`linkerd/${kind}`) ?? [],
  };
  cache.set(ctx.objects, resources);
  return resources;
}

/** Namespaces any object of the bundle lives in: where the bundle is the whole application. */
export function bundleNamespaces(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  for (const object of ctx.objects) {
    const metadata = asRecord(object.raw.metadata);
    if (asString(metadata?.namespace)) out.add(namespaceOf(object));
    else if ((object.ref.kind ?? object.raw.kind) === 'Namespace' && asString(metadata?.name))
      out.add(asString(metadata?.name) as string);
    else out.add('default');
  }
  return out;
}
