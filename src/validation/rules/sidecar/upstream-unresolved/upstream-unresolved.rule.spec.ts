import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'sidecar/upstream-unresolved';

describe(RULE, () => {
  it('accepts loopback and shared-socket upstreams, and an egress proxy pointing outside', () => {
    expect(fixtureFindings(import.meta.url, 'valid-nginx-and-envoy.yaml', RULE)).toEqual([]);
  });

  it('flags a proxy_pass to a loopback port no other container declares, naming both ports', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-wrong-port.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['error', '/data/nginx.conf', 7, 15, 13, 6],
    ]);
    expect(findings[0].message).toBe(
      'nginx upstream 127.0.0.1:9090 (proxy_pass, nginx.conf line 4 of ConfigMap web-proxy) of proxy container "proxy" of Deployment shop/web does not resolve: port 9090 is declared by no other container of the pod; ports declared: http 8080/TCP (container "app")',
    );
    expect(findings[0].related?.map((r) => r.path)).toEqual([
      '/spec/template/spec/containers/0/name',
    ]);
  });

  it('flags an Envoy reverse proxy pointing outside the pod and a socket on an unshared volume', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-outside-and-socket.yaml', RULE);
    expect(findings.map((f) => [f.path, ...at(f)])).toEqual([
      ['/data/envoy.yaml', 6, 15, 25, 62],
      ['/data/envoy.yaml', 6, 15, 25, 62],
    ]);
    expect(findings[0].message).toContain(
      'envoy upstream api.other.svc.cluster.local:8080 (cluster remote, envoy.yaml line 12',
    );
    expect(findings[0].message).toContain('is outside the pod');
    expect(findings[1].message).toContain(
      'the socket /var/run/app/app.sock is on volume sock, which no other container of the pod mounts',
    );
  });
});
