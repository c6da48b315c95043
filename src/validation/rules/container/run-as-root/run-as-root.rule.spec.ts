import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'container/run-as-root';

describe(ID, () => {
  it('invalid-root.yaml: reports 7 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-root.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      [
        'warning',
        '/spec/template/spec/initContainers/0/securityContext/runAsUser',
        [18, 24, 18, 25],
      ],
      [
        'warning',
        '/spec/template/spec/containers/1/securityContext/runAsNonRoot',
        [25, 27, 25, 32],
      ],
      ['warning', '/spec/securityContext/runAsUser', [33, 16, 33, 17]],
      ['warning', '/spec/securityContext/runAsUser', [33, 16, 33, 17]],
      ['warning', '/spec/containers/0/name', [48, 13, 48, 16]],
      ['warning', '/spec/containers/0/securityContext/runAsUser', [63, 20, 63, 21]],
      ['warning', '/spec/containers/0/securityContext/runAsGroup', [76, 21, 76, 22]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'init container "chown" of Deployment web runs as root: runAsUser is 0',
      'container "legacy" of Deployment web sets runAsNonRoot: false: it may run as root',
      'container "app" of Pod defaults runs as root: runAsUser is 0 (inherited from the pod securityContext)',
      'container "sidecar" of Pod defaults runs as root: runAsUser is 0 (inherited from the pod securityContext)',
      'neither container "app" of Pod unset nor its pod sets runAsNonRoot: true: it runs as whatever user the image chooses, often root',
      'container "kubernetes-zookeeper" of Pod zk-override runs as root: runAsUser is 0',
      'container "app" of Pod group-zero runs as user 1001 but in the root group: runAsGroup is 0',
    ]);
  });

  it('valid-non-root.yaml: no finding, a non-zero runAsUser (pod or container) included', () => {
    expect(fixtureFindings(import.meta.url, 'valid-non-root.yaml', ID)).toEqual([]);
  });
});
