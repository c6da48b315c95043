import type { ManifestObject, RuleContext } from '../../engine/types.js';
import { asArray, asRecord, asString, isPortNumber, stringMap } from '../json.js';
import { namespaceOf } from '../pod-templates.js';
import {
  normaliseGroup,
  readBackendRefs,
  readCertificateRefs,
  readParentRefs,
} from './read-refs.js';
import type {
  GatewayInfo,
  GrantRequest,
  ListenerInfo,
  ReferenceGrantInfo,
  RouteInfo,
  RouteKind,
  RoutesModel,
} from './types.js';
import { GATEWAY_GROUP, ROUTE_KINDS } from './types.js';

export type * from './types.js';

const cache = new WeakMap<readonly ManifestObject[], RoutesModel>();

/** Gateway API routes, Gateways and ReferenceGrants of the bundle, built once per run. */
export function routesOf(ctx: RuleContext): RoutesModel {
  let model = cache.get(ctx.objects);
  if (!model) {
    model = buildModel(ctx);
    cache.set(ctx.objects, model);
  }
  return model;
}

function groupOf(object: ManifestObject): string {
  const apiVersion = object.ref.apiVersion ?? asString(object.raw.apiVersion) ?? '';
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/** The objects of a Gateway API kind (any version of gateway.networking.k8s.io). */
function ofKind(ctx: RuleContext, kind: string): ManifestObject[] {
  return ctx.byKind(kind).filter((o) => groupOf(o) === GATEWAY_GROUP);
}

const nameOf = (object: ManifestObject): string =>
  asString(asRecord(object.raw.metadata)?.name) ?? '';

function routeOf(object: ManifestObject, kind: RouteKind): RouteInfo {
  const spec = asRecord(object.raw.spec) ?? {};
  const namespace = namespaceOf(object);
  return {
    object,
    kind,
    namespace,
    name: nameOf(object),
    parentRefs: readParentRefs(spec, namespace),
    backendRefs: readBackendRefs(spec, namespace),
  };
}

function listenerOf(raw: unknown, index: number, namespace: string): ListenerInfo | undefined {
  const listener = asRecord(raw);
  if (!listener) return undefined;
  const path = ['spec', 'listeners', index];
  const allowed = asRecord(listener.allowedRoutes);
  const namespaces = asRecord(allowed?.namespaces);
  const kinds = asArray(allowed?.kinds)
    .map((k) => asRecord(k))
    .filter((k): k is Record<string, any> => asString(k?.kind) !== undefined)
    .map((k) => ({ group: normaliseGroup(k.group, GATEWAY_GROUP), kind: k.kind as string }));
  return {
    name: asString(listener.name) ?? '',
    port: isPortNumber(listener.port) ? listener.port : undefined,
    protocol: asString(listener.protocol) ?? '',
    hostname: asString(listener.hostname),
    path,
    from: asString(namespaces?.from) ?? 'Same',
    selector: namespaces?.selector,
    kinds: kinds.length > 0 ? kinds : undefined,
    certificateRefs: readCertificateRefs(listener.tls, path, namespace),
  };
}

function gatewayOf(object: ManifestObject): GatewayInfo {
  const namespace = namespaceOf(object);
  const listeners: ListenerInfo[] = [];
  asArray(asRecord(object.raw.spec)?.listeners).forEach((item, i) => {
    const listener = listenerOf(item, i, namespace);
    if (listener) listeners.push(listener);
  });
  return { object, namespace, name: nameOf(object), listeners };
}

function grantOf(object: ManifestObject): ReferenceGrantInfo {
  const spec = asRecord(object.raw.spec) ?? {};
  const records = (list: unknown): Record<string, any>[] =>
    asArray(list)
      .map((item) => asRecord(item))
      .filter((item): item is Record<string, any> => item !== undefined);
  return {
    object,
    namespace: namespaceOf(object),
    // ReferenceGrantFrom: group, kind and namespace are all required; `to` name is optional.
    from: records(spec.from).map((f) => ({
      group: normaliseGroup(f.group, ''),
      kind: asString(f.kind) ?? '',
      namespace: asString(f.namespace) ?? '',
    })),
    to: records(spec.to).map((t) => ({
      group: normaliseGroup(t.group, ''),
      kind: asString(t.kind) ?? '',
      name: asString(t.name) || undefined,
    })),
  };
}

function buildModel(ctx: RuleContext): RoutesModel {
  const routes = ROUTE_KINDS.flatMap((kind) => ofKind(ctx, kind).map((o) => routeOf(o, kind)));
  const gateways = ofKind(ctx, 'Gateway').map(gatewayOf);
  const grants = ofKind(ctx, 'ReferenceGrant').map(grantOf);
  const gatewayIndex = new Map<string, GatewayInfo>();
  for (const gateway of gateways) {
    const key = `${gateway.namespace}/${gateway.name}`;
    if (!gatewayIndex.has(key)) gatewayIndex.set(key, gateway);
  }
  return {
    routes,
    gateways,
    grants,
    gateway: (namespace, name) => gatewayIndex.get(`${namespace}/${name}`),
    grantFor: (request: GrantRequest) =>
      grants.find(
        (grant) =>
          grant.namespace === request.toNamespace &&
          grant.from.some(
            (f) =>
              f.group === request.fromGroup &&
              f.kind === request.fromKind &&
              f.namespace === request.fromNamespace,
          ) &&
          grant.to.some(
            (t) =>
              t.group === request.toGroup &&
              t.kind === request.toKind &&
              (t.name === undefined || t.name === request.toName),
          ),
      ),
    namespaceLabels(namespace) {
      const object = ctx.lookup('Namespace', undefined, namespace);
      if (!object || groupOf(object) !== '') return undefined;
      return stringMap(asRecord(object.raw.metadata)?.labels);
    },
  };
}
