import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'reference/configmap-missing';

describe(ID, () => {
  it('invalid-configmaps.yaml: reports 4 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-configmaps.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/template/spec/containers/0/envFrom/0/configMapRef/name', [42, 23, 42, 30]],
      [
        'error',
        '/spec/template/spec/containers/0/env/0/valueFrom/configMapKeyRef/key',
        [48, 24, 48, 34],
      ],
      ['error', '/spec/template/spec/volumes/0/configMap/name', [52, 19, 52, 31]],
      [
        'error',
        '/spec/template/spec/volumes/1/projected/sources/0/configMap/name',
        [57, 25, 57, 34],
      ],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'ConfigMap app-env (namespace shop), referenced by envFrom of container "app" of Deployment shop/web, is not in the bundle: the pod will not start until it exists',
      'key "LOG_FORMAT" is not in ConfigMap web-config (keys: LOG_LEVEL), referenced by env valueFrom of container "app" of Deployment shop/web: the container will not start',
      'ConfigMap proxy-config (namespace shop), referenced by volume "conf" of the pod template of Deployment shop/web, is not in the bundle: the pod will not start until it exists',
      'ConfigMap ca-bundle (namespace shop), referenced by volume "bundle" of the pod template of Deployment shop/web, is not in the bundle: the pod will not start until it exists',
    ]);
    expect(
      findings.map((f) => (f.related ?? []).map((r) => [r.path, r.range.line, r.range.column])),
    ).toEqual([[], [['/metadata/name', 4, 9]], [], []]);
  });

  it('valid-configmaps.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-configmaps.yaml', ID)).toEqual([]);
  });
  it('scope partial: an absent ConfigMap becomes info, a missing key in a present one stays an error', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-configmaps.yaml', ID, {
      scope: 'partial',
    });
    expect(findings.map((f) => [f.severity, f.path])).toEqual([
      ['info', '/spec/template/spec/containers/0/envFrom/0/configMapRef/name'],
      ['error', '/spec/template/spec/containers/0/env/0/valueFrom/configMapKeyRef/key'],
      ['info', '/spec/template/spec/volumes/0/configMap/name'],
      ['info', '/spec/template/spec/volumes/1/projected/sources/0/configMap/name'],
    ]);
  });
});
