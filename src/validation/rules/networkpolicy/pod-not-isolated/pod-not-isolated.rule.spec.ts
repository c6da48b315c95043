import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { at, findingsFor, fixtureFindings, fixturePath } from '../../testing.js';

const RULE = 'networkpolicy/pod-not-isolated';

describe(RULE, () => {
  it('accepts a workload selected by an ingress policy (a namespace-wide default deny)', () => {
    expect(fixtureFindings(import.meta.url, 'valid-isolated.yaml', RULE)).toEqual([]);
  });

  it('flags workloads with no ingress policy, including egress-only and other-namespace policies', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-open.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['warning', '/metadata/name', 4, 9, 4, 12],
      ['warning', '/metadata/name', 20, 9, 20, 15],
    ]);
    expect(findings[0].message).toBe(
      'no NetworkPolicy selects the pods of Deployment shop/web for ingress: every pod in the cluster can connect to them',
    );
    expect(findings[1].message).toContain('only the egress of NetworkPolicy worker-egress applies');
  });

  it('says nothing about a hostNetwork pod (NetworkPolicy does not select it), but flags the same pod without hostNetwork', () => {
    const text = readFileSync(fixturePath(import.meta.url, 'valid-isolated.yaml'), 'utf8')
      .split('\n---\n')
      .at(-1)!;
    expect(findingsFor(text, RULE)).toEqual([]);
    const open = findingsFor(text.replace('hostNetwork: true', 'hostNetwork: false'), RULE);
    expect(open.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/metadata/name', [6, 9, 6, 19]],
    ]);
  });

  it('suggests a policy admitting only the routed ports the pods declare, not a Service typo', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec:
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
      ports: [{ name: http, containerPort: 8080 }, { name: metrics, containerPort: 9090 }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ name: a, port: 80, targetPort: http }, { name: b, port: 81, targetPort: htpp }]
`;
    const [finding] = findingsFor(text, RULE);
    expect(finding.fix?.description).toBe(
      'Add NetworkPolicy web-ingress, admitting only the ports its Services route to (http/TCP)',
    );
  });
});
