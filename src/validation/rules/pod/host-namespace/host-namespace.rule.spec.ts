import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'pod/host-namespace';

describe(ID, () => {
  it('invalid-host-namespaces.yaml: reports 2 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-host-namespaces.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/hostPID', [6, 12, 6, 16]],
      ['error', '/spec/hostIPC', [7, 12, 7, 16]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      "Pod debug sets hostPID: true and sees and can signal every process of the node (the host's PID namespace)",
      "Pod debug sets hostIPC: true and shares the node's IPC namespace: System V IPC and POSIX shared memory of the host are visible",
    ]);
  });

  it('valid-own-namespaces.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-own-namespaces.yaml', ID)).toEqual([]);
  });
});
