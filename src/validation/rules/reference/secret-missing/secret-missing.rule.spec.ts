import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'reference/secret-missing';

describe(ID, () => {
  it('invalid-secrets.yaml: reports 3 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-secrets.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/containers/0/envFrom/0/secretRef/name', [19, 19, 19, 27]],
      ['warning', '/spec/containers/0/env/0/valueFrom/secretKeyRef/key', [25, 20, 25, 28]],
      ['warning', '/spec/volumes/0/secret/secretName', [32, 21, 32, 28]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'Secret api-keys (namespace default), referenced by envFrom of container "app" of Pod web, is not in the bundle: the pod will not start until it exists',
      'key "password" is not in Secret db (keys: username), referenced by env valueFrom of container "app" of Pod web: the container will not start',
      'Secret web-tls (namespace default), referenced by volume "tls" of Pod web, is not in the bundle: the pod will not start until it exists',
    ]);
    expect(
      findings.map((f) => (f.related ?? []).map((r) => [r.path, r.range.line, r.range.column])),
    ).toEqual([[], [['/metadata/name', 4, 9]], []]);
  });

  it('valid-secrets.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-secrets.yaml', ID)).toEqual([]);
  });
  it('scope partial: absent Secrets become info', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-secrets.yaml', ID, {
      scope: 'partial',
    });
    expect(findings.map((f) => f.severity)).toEqual(['info', 'warning', 'info']);
  });
});
