import { describe, expect, it } from 'vitest';
import { at, findingsFor, fixtureFindings } from '../../testing.js';

const ID = 'route/parent-unresolved';

describe(ID, () => {
  it('invalid-parents.yaml: missing listener, port, Gateway; namespaces Same and Selector, kinds; GAMMA Service and port', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-parents.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/parentRefs/1/sectionName', [54, 20, 54, 25]],
      ['error', '/spec/parentRefs/2/port', [58, 13, 58, 17]],
      ['error', '/spec/parentRefs/3/name', [59, 13, 59, 17]],
      ['error', '/spec/parentRefs/4/name', [62, 13, 62, 26]],
      ['error', '/spec/parentRefs/0/name', [76, 13, 76, 17]],
      ['error', '/spec/parentRefs/0/name', [89, 13, 89, 17]],
      ['error', '/spec/parentRefs/0/name', [119, 13, 119, 20]],
      ['error', '/spec/parentRefs/1/port', [123, 13, 123, 17]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'HTTPRoute shop/web attaches to listener "admin" of Gateway infra/edge, which has no such listener (listeners: http, https, tls): the route is not accepted',
      'HTTPRoute shop/web attaches to port 8080 of Gateway infra/edge, on which listener "tls" does not listen (ports: 8443): the route is not accepted',
      'HTTPRoute shop/web attaches to Gateway infra/edge, but no listener admits it: listener "http" admits routes of its own namespace infra only (allowedRoutes.namespaces.from Same), not of shop (the route reports Accepted False, NotAllowedByListeners)',
      'HTTPRoute shop/web attaches to Gateway infra/edge-internal, which the bundle does not have (Gateways of namespace infra: edge): the route is not accepted',
      'GRPCRoute shop/api attaches to Gateway infra/edge, but no listener admits it: listener "https" admits only HTTPRoute (allowedRoutes.kinds), not GRPCRoute (the route reports Accepted False, NotAllowedByListeners)',
      'TLSRoute shop/db attaches to Gateway infra/edge, but no listener admits it: listener "tls" admits routes of the namespaces its allowedRoutes.namespaces.selector selects, and Namespace shop does not match it (the route reports Accepted False, NotAllowedByListeners)',
      'HTTPRoute shop/mesh has Service reviews as its parent (GAMMA), which the bundle does not have in namespace shop: the route applies to no traffic',
      'HTTPRoute shop/mesh has port 8080 of Service shop/web as its parent, which the Service does not expose (ports: http (80))',
    ]);
    expect(findings[2].related?.map((r) => [r.path, r.range.line])).toEqual([
      ['/spec/listeners/0', 16],
    ]);
  });

  it('valid-parents.yaml: from All, Selector by kubernetes.io/metadata.name, an undecidable Selector, Same, default kinds, GAMMA port and sectionName', () => {
    expect(fixtureFindings(import.meta.url, 'valid-parents.yaml', ID)).toEqual([]);
  });

  it('gateway-outside-bundle.yaml: a Gateway of a namespace the bundle has no Gateway in is info (the cluster operator owns it)', () => {
    const findings = fixtureFindings(import.meta.url, 'gateway-outside-bundle.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f), f.message])).toEqual([
      [
        'info',
        '/spec/parentRefs/0/name',
        [8, 13, 8, 19],
        'HTTPRoute shop/web attaches to Gateway ingress/public, which is not in the bundle: it must exist in the cluster, and its listener must admit this route',
      ],
    ]);
  });

  it('scope partial: a missing Gateway (beside others of its namespace) or parent Service is info', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-parents.yaml', ID, {
      scope: 'partial',
    });
    expect(findings.map((f) => f.severity)).toEqual([
      'error',
      'error',
      'error',
      'info',
      'error',
      'error',
      'info',
      'error',
    ]);
  });

  it('a listener Selector matching the labels of a Namespace of the bundle admits its routes', () => {
    const text = (label: string) =>
      [
        'apiVersion: v1',
        'kind: Namespace',
        'metadata:',
        '  name: shop',
        '  labels:',
        `    ${label}: "true"`,
        '---',
        'apiVersion: gateway.networking.k8s.io/v1',
        'kind: Gateway',
        'metadata:',
        '  name: edge',
        '  namespace: infra',
        'spec:',
        '  gatewayClassName: example',
        '  listeners:',
        '    - name: http',
        '      port: 80',
        '      protocol: HTTP',
        '      allowedRoutes:',
        '        namespaces:',
        '          from: Selector',
        '          selector:',
        '            matchLabels:',
        '              gateway-access: "true"',
        '---',
        'apiVersion: gateway.networking.k8s.io/v1',
        'kind: HTTPRoute',
        'metadata:',
        '  name: web',
        '  namespace: shop',
        'spec:',
        '  parentRefs:',
        '    - name: edge',
        '      namespace: infra',
        '',
      ].join('\n');
    expect(findingsFor(text('gateway-access'), ID)).toEqual([]);
    expect(findingsFor(text('other'), ID).map((f) => [f.path, at(f)])).toEqual([
      ['/spec/parentRefs/0/name', [33, 13, 33, 17]],
    ]);
  });

  it('invalid-typos.yaml: safe fixes for a close Gateway, listener, GAMMA Service, port name and port; none between two Gateways or toward one that refuses the route', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-typos.yaml', ID);
    expect(
      findings.map((f) => [f.path, f.fix?.edits.map((e) => [...at(e), e.newText]) ?? null]),
    ).toEqual([
      ['/spec/parentRefs/0/name', [[117, 13, 117, 17, 'edge']]],
      ['/spec/parentRefs/1/sectionName', [[122, 20, 122, 24, 'https']]],
      // edge-a and edge-b are both one edit from edge-c.
      ['/spec/parentRefs/2/name', null],
      // intranet is close, but its listener admits routes of namespace lb only.
      ['/spec/parentRefs/3/name', null],
      ['/spec/parentRefs/0/name', [[139, 41, 139, 44, 'web']]],
      ['/spec/parentRefs/1/sectionName', [[140, 59, 140, 63, 'http']]],
      // Port 5432 of Service db forwards to 5433.
      ['/spec/parentRefs/2/port', [[141, 51, 141, 55, '5432']]],
    ]);
    expect(findings.map((f) => f.fix?.safety ?? null)).toEqual([
      'safe',
      'safe',
      null,
      null,
      'safe',
      'safe',
      'safe',
    ]);
  });

  it('no rename onto a parent another parentRef of the route names without its own sectionName', () => {
    const text = (first: string, second: string) =>
      [
        'apiVersion: gateway.networking.k8s.io/v1',
        'kind: Gateway',
        'metadata: { name: edge, namespace: shop }',
        'spec:',
        '  gatewayClassName: example',
        '  listeners:',
        '    - { name: http, port: 80, protocol: HTTP }',
        '    - { name: alt, port: 8080, protocol: HTTP }',
        '---',
        'apiVersion: gateway.networking.k8s.io/v1',
        'kind: HTTPRoute',
        'metadata: { name: web, namespace: shop }',
        'spec:',
        '  parentRefs:',
        `    - ${first}`,
        `    - ${second}`,
        '',
      ].join('\n');
    const fixes = (first: string, second: string) =>
      findingsFor(text(first, second), ID).map((f) => f.fix?.edits[0].newText);
    expect(fixes('{ name: edge }', '{ name: egde }')).toEqual([undefined]);
    expect(fixes('{ name: edge }', '{ name: egde, sectionName: alt }')).toEqual([undefined]);
    expect(fixes('{ name: edge, sectionName: http }', '{ name: egde, sectionName: http }')).toEqual(
      [undefined],
    );
    // Distinct sectionNames may share a parent.
    expect(fixes('{ name: edge, sectionName: http }', '{ name: egde, sectionName: alt }')).toEqual([
      'edge',
    ]);
  });
});
