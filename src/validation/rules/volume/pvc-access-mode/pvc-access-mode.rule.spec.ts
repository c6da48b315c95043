import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'volume/pvc-access-mode';

describe(ID, () => {
  it('invalid-access-modes.yaml: reports 2 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-access-modes.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/template/spec/volumes/0/persistentVolumeClaim/claimName', [32, 24, 32, 31]],
      [
        'error',
        '/spec/jobTemplate/spec/template/spec/volumes/0/persistentVolumeClaim/claimName',
        [54, 28, 54, 35],
      ],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'PersistentVolumeClaim uploads is mounted by Deployment web (2 replicas), CronJob thumbnails (1 replica) but its accessModes are [ReadWriteOnce]: a ReadWriteOnce volume attaches to one node at a time: pods scheduled elsewhere stay in ContainerCreating; use ReadWriteMany (with a storage class that supports it) or one claim per replica',
      'PersistentVolumeClaim uploads is mounted by Deployment web (2 replicas), CronJob thumbnails (1 replica) but its accessModes are [ReadWriteOnce]: a ReadWriteOnce volume attaches to one node at a time: pods scheduled elsewhere stay in ContainerCreating; use ReadWriteMany (with a storage class that supports it) or one claim per replica',
    ]);
    expect(
      findings.map((f) => (f.related ?? []).map((r) => [r.path, r.range.line, r.range.column])),
    ).toEqual([[['/spec/accessModes', 6, 16]], [['/spec/accessModes', 6, 16]]]);
  });

  it('valid-one-node.yaml: a ReadWriteOnce claim whose pods are all required onto one node', () => {
    expect(fixtureFindings(import.meta.url, 'valid-one-node.yaml', ID)).toEqual([]);
  });

  it('invalid-other-node.yaml: a zone affinity does not keep the pods on one node', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-other-node.yaml', ID);
    expect(findings.map((f) => [f.object.name, f.path])).toEqual([
      ['writer', '/spec/template/spec/volumes/0/persistentVolumeClaim/claimName'],
      ['reader', '/spec/template/spec/volumes/0/persistentVolumeClaim/claimName'],
    ]);
    expect(findings[0].message).toContain('a ReadWriteOnce volume attaches to one node at a time');
  });

  it('valid-access-modes.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-access-modes.yaml', ID)).toEqual([]);
  });
});
