import type { JsonPath, ManifestObject } from '../../engine/types.js';

/** The Gateway API group; its kinds are read at every version (api/* rules judge the version). */
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute'] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

/** A `parentRef` with the API defaults applied (group gateway.networking.k8s.io, kind Gateway). */
export interface ParentRefInfo {
  /** '' for the core group (GAMMA: `group: ""` or `core`, `kind: Service`). */
  group: string;
  kind: string;
  namespace: string;
  /** True when the ref names a namespace other than the route's own. */
  crossNamespace: boolean;
  name: string;
  sectionName?: string;
  port?: number;
  /** Path to the parentRef item. */
  path: JsonPath;
}

/**
 * A `backendRef` (or a requestMirror `backendRef`) with the API defaults applied: group "" and
 * kind Service; namespace defaults to the route's.
 */
export interface BackendRefInfo {
  group: string;
  kind: string;
  namespace: string;
  crossNamespace: boolean;
  name: string;
  port?: number;
  /** Path to the reference object (the item of backendRefs, or requestMirror.backendRef). */
  path: JsonPath;
}

export interface RouteInfo {
  object: ManifestObject;
  kind: RouteKind;
  namespace: string;
  name: string;
  parentRefs: ParentRefInfo[];
  backendRefs: BackendRefInfo[];
}

/** A Secret (or other object) a listener's `tls.certificateRefs` names, defaults applied. */
export interface CertificateRefInfo {
  group: string;
  kind: string;
  namespace: string;
  crossNamespace: boolean;
  name: string;
  path: JsonPath;
}

export interface ListenerInfo {
  name: string;
  port?: number;
  protocol: string;
  hostname?: string;
  /** Path to the listener item. */
  path: JsonPath;
  /** allowedRoutes.namespaces.from, default Same. */
  from: string;
  /** allowedRoutes.namespaces.selector when from is Selector. */
  selector?: unknown;
  /** allowedRoutes.kinds with group defaulted; undefined when unset or empty (protocol decides). */
  kinds?: Array<{ group: string; kind: string }>;
  certificateRefs: CertificateRefInfo[];
}

export interface GatewayInfo {
  object: ManifestObject;
  namespace: string;
  name: string;
  listeners: ListenerInfo[];
}

export interface ReferenceGrantInfo {
  object: ManifestObject;
  namespace: string;
  from: Array<{ group: string; kind: string; namespace: string }>;
  to: Array<{ group: string; kind: string; name?: string }>;
}

/** What a cross-namespace reference asks a ReferenceGrant of the target namespace to allow. */
export interface GrantRequest {
  fromGroup: string;
  fromKind: string;
  fromNamespace: string;
  toGroup: string;
  toKind: string;
  toNamespace: string;
  toName: string;
}

export interface RoutesModel {
  routes: RouteInfo[];
  gateways: GatewayInfo[];
  grants: ReferenceGrantInfo[];
  gateway(namespace: string, name: string): GatewayInfo | undefined;
  /** The ReferenceGrant of the target namespace that allows the reference, if any. */
  grantFor(request: GrantRequest): ReferenceGrantInfo | undefined;
  /** Labels of a Namespace of the bundle, undefined when the bundle lacks it. */
  namespaceLabels(namespace: string): Record<string, string> | undefined;
}
