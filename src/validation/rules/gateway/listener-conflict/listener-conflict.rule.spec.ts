import { describe, expect, it } from 'vitest';
import { at, findingsFor, fixtureFindings } from '../../testing.js';

const ID = 'gateway/listener-conflict';

describe(ID, () => {
  it('invalid-listeners.yaml: HTTP and TCP on one port; HTTPS and TLS with one hostname', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-listeners.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/listeners/1/protocol', [14, 17, 14, 20]],
      ['error', '/spec/listeners/3/port', [23, 13, 23, 16]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'listener "raw" of Gateway infra/edge serves TCP on port 80, where listener "http" serves HTTP: one port cannot carry both (the listeners report Conflicted, ProtocolConflict)',
      'listeners "https" (HTTPS) and "passthrough" (TLS) of Gateway infra/edge both take port 443 with hostname shop.example.com: the Gateway cannot tell their connections apart (Conflicted, HostnameConflict)',
    ]);
    expect(findings.map((f) => f.related?.map((r) => [r.path, r.range.line]))).toEqual([
      [['/spec/listeners/0', 9]],
      [['/spec/listeners/2', 15]],
    ]);
  });

  it('valid-listeners.yaml: HTTP listeners apart by hostname, HTTPS and TLS apart by hostname, UDP beside TCP', () => {
    expect(fixtureFindings(import.meta.url, 'valid-listeners.yaml', ID)).toEqual([]);
  });

  it('the same port, protocol and hostname twice is left to the CRD validation rule (one root cause, one error)', () => {
    const text = [
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: Gateway',
      'metadata:',
      '  name: edge',
      'spec:',
      '  gatewayClassName: example',
      '  listeners:',
      '    - name: a',
      '      port: 80',
      '      protocol: HTTP',
      '    - name: b',
      '      port: 80',
      '      protocol: HTTP',
      '',
    ].join('\n');
    expect(findingsFor(text, ID)).toEqual([]);
    expect(findingsFor(text, 'custom-resource/rule-violation').map((f) => f.path)).toEqual([
      '/spec/listeners',
    ]);
  });
});
