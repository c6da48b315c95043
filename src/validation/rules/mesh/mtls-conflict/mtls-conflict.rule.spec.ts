import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'mesh/mtls-conflict';

describe(RULE, () => {
  it('valid-permissive.yaml: a workload PeerAuthentication (UNSET + portLevelMtls PERMISSIVE) overrides the mesh-wide STRICT; ISTIO_MUTUAL is fine', () => {
    expect(fixtureFindings(import.meta.url, 'valid-permissive.yaml', RULE)).toEqual([]);
  });

  it('invalid-strict.yaml: DISABLE and SIMPLE toward a root-namespace STRICT policy, a Linkerd opaque port skipped inbound', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-strict.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/trafficPolicy/tls/mode', [52, 13, 52, 20]],
      ['error', '/spec/subsets/0/trafficPolicy/portLevelSettings/0/tls/mode', [69, 17, 69, 23]],
      [
        'error',
        '/spec/template/metadata/annotations/config.linkerd.io~1skip-inbound-ports',
        [93, 47, 93, 58],
      ],
    ]);
    expect(findings[0].message).toBe(
      "DestinationRule ratings sends plain text to Service shop/ratings, but PeerAuthentication istio-system/default requires STRICT mTLS on the pod template of Deployment shop/ratings-v1 port 8080: the server's sidecar resets every connection",
    );
    expect(findings[0].related?.map((r) => [r.path, r.range.line])).toEqual([
      ['/spec/mtls/mode', 10],
    ]);
    expect(findings[2].message).toContain(
      'port 5432 of the pod template of StatefulSet data/postgres',
    );
  });
});
