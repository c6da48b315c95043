import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'pod/invalid-restart-policy';

describe(ID, () => {
  it('invalid-restart-policies.yaml: reports 4 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-restart-policies.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/template/spec/restartPolicy', [12, 22, 12, 31]],
      ['error', '/spec/template/spec/initContainers/0/restartPolicy', [16, 26, 16, 35]],
      ['error', '/spec/template/spec/containers/0/restartPolicy', [20, 26, 20, 32]],
      ['error', '/spec/jobTemplate/spec/template/spec/restartPolicy', [32, 26, 32, 32]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'Deployment web sets restartPolicy "OnFailure" on its pod template: a Deployment only accepts "Always"',
      'restartPolicy "OnFailure" on init container "migrate" of Deployment web is invalid: an init container accepts only "Always" (a native sidecar)',
      'restartPolicy "Always" is set on regular container "app" of Deployment web: only init containers take a restartPolicy (Always makes a native sidecar)',
      'CronJob nightly sets restartPolicy "Always" on its pod template: a Job needs "OnFailure" or "Never"',
    ]);
  });

  it('fixes the policy a kind allows (safe), suggests the rest, and leaves an init container alone', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-restart-policies.yaml', ID);
    expect(findings.map((f) => [f.fix?.safety, f.fix?.edits[0]?.newText])).toEqual([
      ['safe', 'Always'],
      // OnFailure on an init container: a plain init container or a native sidecar? No guess.
      [undefined, undefined],
      ['suggestion', ''],
      ['suggestion', 'OnFailure'],
    ]);
  });

  it('valid-restart-policies.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-restart-policies.yaml', ID)).toEqual([]);
  });
});
