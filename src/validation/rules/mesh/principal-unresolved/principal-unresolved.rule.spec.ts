import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'mesh/principal-unresolved';

describe(RULE, () => {
  it('valid-emojivoto.yaml: emojivoto identities, a ServiceAccount ref, `default` and wildcards resolve', () => {
    expect(fixtureFindings(import.meta.url, 'valid-emojivoto.yaml', RULE)).toEqual([]);
  });

  it('invalid-identities.yaml: typos are warnings; another application of the namespace, or a namespace outside the bundle, is info', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-identities.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/rules/0/from/0/source/principals/0', [25, 11, 25, 43]],
      ['info', '/spec/rules/0/from/0/source/principals/1', [26, 11, 26, 80]],
      ['warning', '/spec/identities/0', [35, 5, 35, 65]],
      // vote-bot is close to no ServiceAccount of the bundle: another application's caller.
      ['info', '/spec/identityRefs/0/name', [38, 11, 38, 19]],
    ]);
    expect(findings[0].message).toBe(
      'AuthorizationPolicy shop/cart-callers admits cluster.local/ns/shop/sa/fronted, but the bundle has no ServiceAccount fronted in namespace shop (it has frontend): no workload carries that identity, and the callers meant are refused',
    );
    expect(findings[3].message).toBe(
      'MeshTLSAuthentication emojivoto/voting-grpc-auth admits ServiceAccount emojivoto/vote-bot; no workload of the bundle runs as ServiceAccount vote-bot: it must exist in namespace emojivoto for those callers to be admitted',
    );
  });

  it('scope partial: all info', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-identities.yaml', RULE, {
      scope: 'partial',
    });
    expect(findings.map((f) => f.severity)).toEqual(['info', 'info', 'info', 'info']);
  });
});
