import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'volume/host-path';

describe(ID, () => {
  it('invalid-host-paths.yaml: reports 3 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-host-paths.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/template/spec/volumes/0/hostPath/path', [26, 19, 26, 27]],
      ['error', '/spec/template/spec/volumes/1/hostPath/path', [29, 19, 29, 39]],
      ['error', '/spec/template/spec/volumes/2/hostPath/path', [33, 19, 33, 24]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'volume "logs" of the pod template of DaemonSet agent mounts host path /var/log: the pod is tied to the node\'s filesystem and container "agent" can write to it',
      'volume "docker" of the pod template of DaemonSet agent mounts the node\'s /var/run/docker.sock: whoever controls the container controls the node',
      'volume "etc" of the pod template of DaemonSet agent mounts the node\'s /etc: whoever controls the container controls the node',
    ]);
  });

  it('read-only-node-agent.yaml: a DaemonSet reading /var/log read-only is info, a Deployment still a warning', () => {
    const findings = fixtureFindings(import.meta.url, 'read-only-node-agent.yaml', ID);
    expect(findings.map((f) => [f.severity, f.object?.kind, f.path])).toEqual([
      ['info', 'DaemonSet', '/spec/template/spec/volumes/0/hostPath/path'],
      ['warning', 'Deployment', '/spec/template/spec/volumes/0/hostPath/path'],
    ]);
    expect(findings[0].message).toContain('read-only: a node agent reading the node');
  });

  it('valid-no-host-path.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-no-host-path.yaml', ID)).toEqual([]);
  });
});
