import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'reference/pvc-missing';

describe(ID, () => {
  it('invalid-claims.yaml: reports 2 findings (a volume named like a claim template is not one) at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-claims.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/volumes/0/persistentVolumeClaim/claimName', [16, 20, 16, 27]],
      ['error', '/spec/template/spec/volumes/1/persistentVolumeClaim/claimName', [41, 24, 41, 31]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'PersistentVolumeClaim uploads (namespace media), referenced by volume "uploads" of Pod media/web, is not in the bundle: the pod will not start until it exists',
      'PersistentVolumeClaim backups (namespace media), referenced by volume "backups" of the pod template of StatefulSet media/cockroachdb, is not in the bundle: the pod will not start until it exists',
    ]);
  });

  it('valid-claims.yaml: no finding, a StatefulSet volume named like its claim template included', () => {
    expect(fixtureFindings(import.meta.url, 'valid-claims.yaml', ID)).toEqual([]);
  });
  it('scope partial: an absent claim becomes info', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-claims.yaml', ID, {
      scope: 'partial',
    });
    expect(findings.map((f) => [f.severity, at(f)])).toEqual([
      ['info', [16, 20, 16, 27]],
      ['info', [41, 24, 41, 31]],
    ]);
  });
});
