import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'pod/host-network';

describe(ID, () => {
  it('invalid-host-network.yaml: reports 1 finding at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-host-network.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/template/spec/hostNetwork', [13, 20, 13, 24]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      "the pod template of DaemonSet monitoring/agent uses hostNetwork: its containers share the node's network namespace and bind port 9100 on the node itself; NetworkPolicies no longer isolate it",
    ]);
  });

  it('valid-pod-network.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-pod-network.yaml', ID)).toEqual([]);
  });
});
