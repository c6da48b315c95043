import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'container/capabilities-not-dropped';

describe(ID, () => {
  it('invalid-capabilities.yaml: reports every container, sidecars included, at the nearest node', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-capabilities.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/initContainers/0/name', [7, 13, 7, 18]],
      ['warning', '/spec/containers/0/securityContext/capabilities/drop', [15, 11, 15, 15]],
      ['warning', '/spec/containers/1/securityContext/capabilities', [19, 9, 19, 21]],
      ['warning', '/spec/containers/2/securityContext', [23, 7, 23, 22]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'sidecar container "proxy" of Pod web does not drop ALL capabilities: it runs with the container runtime\'s default set',
      'container "app" of Pod web drops only NET_RAW, not ALL: it keeps the rest of the container runtime\'s default capabilities',
      'container "worker" of Pod web does not drop ALL capabilities: it runs with the container runtime\'s default set',
      'container "job" of Pod web does not drop ALL capabilities: it runs with the container runtime\'s default set',
    ]);
  });

  it('valid-dropped.yaml: ALL in a block or flow drop list, NET_BIND_SERVICE added back: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-dropped.yaml', ID)).toEqual([]);
  });

  it('valid-windows.yaml: a Windows pod is exempt, as in Pod Security Standards', () => {
    expect(fixtureFindings(import.meta.url, 'valid-windows.yaml', ID)).toEqual([]);
  });

  it('the fix is safe and appends ALL to an existing drop list in its style', () => {
    const [, app] = fixtureFindings(import.meta.url, 'invalid-capabilities.yaml', ID);
    expect(app.fix).toEqual({
      description:
        'Drop ALL capabilities on container "app" (add back only what it needs, e.g. NET_BIND_SERVICE)',
      safety: 'safe',
      edits: [{ range: { line: 15, column: 25, endLine: 15, endColumn: 25 }, newText: ', ALL' }],
    });
  });
});
