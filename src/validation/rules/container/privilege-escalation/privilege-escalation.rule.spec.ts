import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'container/privilege-escalation';

describe(ID, () => {
  it('invalid-escalation.yaml: reports 3 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-escalation.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/initContainers/0/name', [9, 13, 9, 18]],
      ['warning', '/spec/containers/0/securityContext/allowPrivilegeEscalation', [16, 35, 16, 39]],
      ['warning', '/spec/containers/1/securityContext', [19, 7, 19, 22]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'sidecar container "proxy" of Pod web does not set allowPrivilegeEscalation: false, so it defaults to allowed: a process can gain more privileges than its parent',
      'container "app" of Pod web sets allowPrivilegeEscalation: true: a process can gain more privileges than its parent (setuid binaries, file capabilities)',
      'container "worker" of Pod web does not set allowPrivilegeEscalation: false, so it defaults to allowed: a process can gain more privileges than its parent',
    ]);
  });

  it('valid-no-escalation.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-no-escalation.yaml', ID)).toEqual([]);
  });

  it('the fix is safe and edits only the value when the container sets true', () => {
    const [, app] = fixtureFindings(import.meta.url, 'invalid-escalation.yaml', ID);
    expect(app.fix).toEqual({
      description: 'Set allowPrivilegeEscalation: false on container "app"',
      safety: 'safe',
      edits: [
        {
          range: { line: 16, column: 35, endLine: 16, endColumn: 39 },
          newText: 'false',
        },
      ],
    });
  });
});
