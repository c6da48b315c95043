import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ManifestObject, RuleContext } from '../../engine/types.js';
import { routesOf } from './routes-model.js';

// A hand-built context: the model must not depend on the engine's parser.
function contextOf(text: string): RuleContext {
  const objects: ManifestObject[] = parseAllDocuments(text).map((doc, documentIndex) => {
    const raw = (doc.toJS() ?? {}) as Record<string, any>;
    const kind = typeof raw?.kind === 'string' ? raw.kind : undefined;
    return {
      ref: { documentIndex, kind, name: raw?.metadata?.name, namespace: raw?.metadata?.namespace },
      basePath: [],
      raw,
      key: `${kind}/${raw?.metadata?.name}`,
      line: 1,
    };
  });
  return {
    objects,
    options: { kubernetesVersion: '1.34', scope: 'complete' },
    byKey: new Map(objects.map((o) => [o.key, o])),
    byKind: (kind) => objects.filter((o) => o.ref.kind === kind),
    lookup: (kind, _namespace, name) =>
      objects.find((o) => o.ref.kind === kind && o.ref.name === name),
    report: () => undefined,
  };
}

describe('routesOf', () => {
  it('applies the Gateway API defaults to parentRefs and backendRefs (mirrors included)', () => {
    const model = routesOf(
      contextOf(`apiVersion: gateway.networking.k8s.io/v1beta1
kind: HTTPRoute
metadata: { name: web, namespace: shop }
spec:
  parentRefs:
    - name: edge
    - { group: core, kind: Service, name: web, port: 80 }
  rules:
    - backendRefs:
        - name: web
          port: 80
          filters:
            - type: RequestMirror
              requestMirror: { backendRef: { name: shadow, namespace: audit, port: 80 } }
`),
    );
    expect(model.routes).toHaveLength(1);
    const [route] = model.routes;
    expect(route.parentRefs.map((p) => [p.group, p.kind, p.namespace, p.name, p.port])).toEqual([
      ['gateway.networking.k8s.io', 'Gateway', 'shop', 'edge', undefined],
      ['', 'Service', 'shop', 'web', 80],
    ]);
    expect(
      route.backendRefs.map((b) => [b.group, b.kind, b.namespace, b.crossNamespace, b.path]),
    ).toEqual([
      ['', 'Service', 'shop', false, ['spec', 'rules', 0, 'backendRefs', 0]],
      [
        '',
        'Service',
        'audit',
        true,
        ['spec', 'rules', 0, 'backendRefs', 0, 'filters', 0, 'requestMirror', 'backendRef'],
      ],
    ]);
  });

  it('reads listeners with allowedRoutes defaults, and ignores kinds of another API group', () => {
    const model = routesOf(
      contextOf(`apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge }
spec:
  listeners:
    - { name: http, port: 80, protocol: HTTP }
    - name: tls
      port: 443
      protocol: HTTPS
      tls: { certificateRefs: [{ name: cert, namespace: certs }] }
      allowedRoutes: { kinds: [{ kind: HTTPRoute }] }
---
apiVersion: example.com/v1
kind: Gateway
metadata: { name: other }
`),
    );
    expect(model.gateways.map((g) => `${g.namespace}/${g.name}`)).toEqual(['default/edge']);
    const [http, tls] = model.gateways[0].listeners;
    expect([http.from, http.kinds, http.certificateRefs]).toEqual(['Same', undefined, []]);
    expect(tls.kinds).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }]);
    expect(tls.certificateRefs.map((c) => [c.kind, c.namespace, c.crossNamespace])).toEqual([
      ['Secret', 'certs', true],
    ]);
  });

  it('grantFor matches from (group, kind, namespace) and to (group, kind, optional name) in the target namespace', () => {
    const model = routesOf(
      contextOf(`apiVersion: gateway.networking.k8s.io/v1
kind: ReferenceGrant
metadata: { name: g, namespace: accounts }
spec:
  from: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop }]
  to: [{ group: "", kind: Service, name: users }]
`),
    );
    const request = {
      fromGroup: 'gateway.networking.k8s.io',
      fromKind: 'HTTPRoute',
      fromNamespace: 'shop',
      toGroup: '',
      toKind: 'Service',
      toNamespace: 'accounts',
      toName: 'users',
    };
    expect(model.grantFor(request)?.namespace).toBe('accounts');
    expect(model.grantFor({ ...request, toName: 'billing' })).toBeUndefined();
    expect(model.grantFor({ ...request, fromKind: 'GRPCRoute' })).toBeUndefined();
    expect(model.grantFor({ ...request, toNamespace: 'shop' })).toBeUndefined();
  });

  it('never throws on garbage', () => {
    const model = routesOf(
      contextOf(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web }
spec: { parentRefs: [null, 3, { name: 7 }], rules: [null, { backendRefs: "x" }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge }
spec: { listeners: [null, { allowedRoutes: [] , tls: 5 }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: ReferenceGrant
metadata: { name: g }
spec: { from: 1, to: [null] }
`),
    );
    expect(model.routes[0].parentRefs).toEqual([]);
    expect(model.routes[0].backendRefs).toEqual([]);
    expect(model.gateways[0].listeners).toHaveLength(1);
    expect(model.grants[0].from).toEqual([]);
  });
});
