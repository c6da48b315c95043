import { describe, expect, it } from 'vitest';
import { at, findingsFor, fixtureFindings } from '../../testing.js';

const ID = 'route/reference-not-granted';

describe(ID, () => {
  it('invalid-cross-namespace.yaml: a grant for another kind, a grant in the wrong namespace, a grant for another name, a Gateway certificate', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-cross-namespace.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      // The grant for payments/billing lives in shop (the referring namespace): it does not count.
      ['error', '/spec/rules/0/backendRefs/1/namespace', [13, 22, 13, 30]],
      // accounts grants HTTPRoute, not GRPCRoute.
      ['error', '/spec/rules/0/backendRefs/0/namespace', [25, 22, 25, 30]],
      ['error', '/spec/listeners/0/tls/certificateRefs/0/namespace', [88, 24, 88, 28]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'HTTPRoute shop/web sends traffic to Service payments/billing, but no ReferenceGrant in namespace payments allows HTTPRoute from namespace shop to refer to Service billing: the reference is refused (ResolvedRefs False, RefNotPermitted)',
      'GRPCRoute shop/api sends traffic to Service accounts/users, but no ReferenceGrant in namespace accounts allows GRPCRoute from namespace shop to refer to Service users: the reference is refused (ResolvedRefs False, RefNotPermitted)',
      'Gateway infra/edge listener "https" takes its certificate from Secret shop/shop-tls, but no ReferenceGrant in namespace shop allows Gateway from namespace infra to refer to Secret shop-tls: the reference is refused (ResolvedRefs False, RefNotPermitted)',
    ]);
  });

  it('valid-granted.yaml: grants in the target namespaces (kind-wide, by name, `core` group, v1beta1, Secret for a Gateway)', () => {
    expect(fixtureFindings(import.meta.url, 'valid-granted.yaml', ID)).toEqual([]);
  });

  it('suggests one narrow ReferenceGrant per target, even when two references need it', () => {
    const route = (name: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: ${name}, namespace: shop }
spec:
  rules:
    - backendRefs: [{ name: users, namespace: accounts, port: 8080 }]
`;
    const findings = findingsFor(`${route('a')}---\n${route('b')}`, ID);
    expect(findings.map((f) => f.fix?.description)).toEqual([
      'Add ReferenceGrant accounts/httproute-shop-to-service-users, admitting HTTPRoute from namespace shop to Service users',
      undefined,
    ]);
    expect(findings[0].fix?.safety).toBe('suggestion');
  });

  it('scope partial: the grant may be outside the bundle, so info', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-cross-namespace.yaml', ID, {
      scope: 'partial',
    });
    expect(findings.map((f) => f.severity)).toEqual(['info', 'info', 'info']);
  });
});
