import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'mesh/port-protocol-unknown';

describe(RULE, () => {
  it('valid-bookinfo.yaml: bookinfo `http` port under injection, appProtocol in ambient, Linkerd not checked', () => {
    expect(fixtureFindings(import.meta.url, 'valid-bookinfo.yaml', RULE)).toEqual([]);
  });

  it('invalid-names.yaml: names without a protocol prefix (ambient and sidecar), a port without a name', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-names.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/ports/0/name', [37, 11, 37, 14]],
      ['warning', '/spec/ports/1/port', [40, 11, 40, 15]],
      ['warning', '/spec/ports/0/name', [61, 11, 61, 18]],
    ]);
    expect(findings[2].message).toBe(
      'port 80 ("httpapi") of Service api reaches Pod api, which Istio meshes, but has no appProtocol and no protocol prefix in its name (http-, grpc-, tcp-…): Istio must sniff the protocol and treats what it cannot detect as plain TCP',
    );
  });
});
