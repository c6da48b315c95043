import { describe, expect, it } from 'vitest';
import { at, findingsFor, fixtureFindings } from '../../testing.js';

const RULE = 'service/target-port-unresolved';

describe(RULE, () => {
  it('resolves named ports across all containers (native sidecars included), numbers, and omitted targetPorts', () => {
    expect(fixtureFindings(import.meta.url, 'valid-named-and-numeric.yaml', RULE)).toEqual([]);
  });

  it('reports a named targetPort no container declares (by name and protocol) as an error at its value', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-named.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['error', '/spec/ports/0/targetPort', 31, 19, 31, 23],
      ['error', '/spec/ports/1/targetPort', 35, 19, 35, 22],
    ]);
    expect(findings[0].message).toBe(
      'targetPort "http" of Service web matches no TCP containerPort named "http" in the pods it selects (Deployment shop/web); ports that exist: web 8080/TCP (container "app"). Those pods get no endpoints for this port',
    );
    expect(findings[0].related?.map((r) => r.path)).toEqual([
      '/spec/template/spec/containers/0/ports',
    ]);
    expect(findings[1].message).toContain('no UDP containerPort named "web"');
  });

  it('reports a numeric target no container declares as a warning (at port when targetPort is omitted)', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-numeric.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['warning', '/spec/ports/0/targetPort', 22, 19, 22, 23],
      ['warning', '/spec/ports/1/port', 24, 13, 24, 17],
    ]);
    expect(findings[0].message).toContain('targetPort 9999 of Service api');
    expect(findings[0].message).toContain('ports that exist: 8080/TCP (container "app")');
    expect(findings[1].message).toContain('port 7000 (no targetPort: it defaults to port)');
  });

  it('fixes a typo of a declared port name, never plain http for https (another port, not a typo)', () => {
    const bundle = (target: string) => `apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec:
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
      ports: [{ name: http, containerPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 443, targetPort: ${target} }]
`;
    expect(findingsFor(bundle('htpp'), RULE)[0].fix?.edits[0].newText).toBe('http');
    const [tls] = findingsFor(bundle('https'), RULE);
    expect(tls.ruleId).toBe(RULE);
    expect(tls.fix).toBeUndefined();
  });
});
