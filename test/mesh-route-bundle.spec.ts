import { describe, expect, it } from 'vitest';
import { meshRouteBundle, meshRouteObjects } from '../bench/mesh-route-bundle.mjs';
import { validateManifest } from '../src/validation/engine/validate.js';

/**
 * The issue 17 bench bundle must stay what its figure claims: 1,000 objects, 200 routes, 200 mesh
 * policies, and correct (a finding would make the bench measure reporting, not a clean run).
 */
describe('bench/mesh-route-bundle.mjs', () => {
  it('holds 1,000 objects, 200 routes and 200 mesh policies', () => {
    const kinds = meshRouteObjects().map((o) => o.kind);
    const count = (...k: string[]) => kinds.filter((kind) => k.includes(kind)).length;
    expect(kinds).toHaveLength(1000);
    expect(count('HTTPRoute', 'GRPCRoute')).toBe(200);
    expect(count('GRPCRoute')).toBe(40);
    expect(
      count(
        'VirtualService',
        'DestinationRule',
        'PeerAuthentication',
        'AuthorizationPolicy',
        'Server',
      ),
    ).toBe(200);
  });

  it('validates with no finding at all', () => {
    const result = validateManifest(meshRouteBundle());
    expect(result.findings.map((f) => `${f.ruleId} ${f.object?.kind}/${f.object?.name}`)).toEqual(
      [],
    );
  });
});
