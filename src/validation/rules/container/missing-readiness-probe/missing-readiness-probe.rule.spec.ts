import { describe, expect, it } from 'vitest';
import { at, findingsFor, fixtureFindings } from '../../testing.js';

const ID = 'container/missing-readiness-probe';

describe(ID, () => {
  it('invalid-unprobed.yaml: reports 2 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-unprobed.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/template/spec/initContainers/0/name', [28, 17, 28, 28]],
      ['warning', '/spec/template/spec/containers/0/name', [35, 17, 35, 20]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'sidecar container "grpc-bridge" of Deployment web receives Service traffic (Service web → port 9000) but has no readinessProbe: it gets requests before it can serve them, and keeps getting them when it cannot',
      'container "app" of Deployment web receives Service traffic (Service web → port 8080) but has no readinessProbe: it gets requests before it can serve them, and keeps getting them when it cannot',
    ]);
    expect(
      findings.map((f) => (f.related ?? []).map((r) => [r.path, r.range.line, r.range.column])),
    ).toEqual([[['/spec/ports/1/targetPort', 14, 19]], [['/spec/ports/0/targetPort', 11, 19]]]);
  });

  it('suggests a TCP readiness check on the routed port, by name; none for a UDP port', () => {
    const pod = (protocol: string) => `apiVersion: v1
kind: Pod
metadata: { name: dns, labels: { app: dns } }
spec:
  containers:
    - name: server
      image: registry.example.com/dns:1.0.0
      ports: [{ name: dns, containerPort: 5353, protocol: ${protocol} }]
---
apiVersion: v1
kind: Service
metadata: { name: dns }
spec:
  selector: { app: dns }
  ports: [{ port: 53, targetPort: dns, protocol: ${protocol} }]
`;
    const [tcp] = findingsFor(pod('TCP'), ID);
    expect(tcp.fix).toMatchObject({
      safety: 'suggestion',
      edits: [
        {
          newText:
            '      readinessProbe:\n        tcpSocket:\n          port: dns\n        periodSeconds: 10\n',
        },
      ],
    });
    const [udp] = findingsFor(pod('UDP'), ID);
    expect(udp.ruleId).toBe(ID);
    expect(udp.fix).toBeUndefined();
  });

  it('valid-probed.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-probed.yaml', ID)).toEqual([]);
  });
});
