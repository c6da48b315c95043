import { describe, expect, it } from 'vitest';
import { at, findingsFor, fixtureFindings } from '../../testing.js';

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

  it('invalid-produced-certificate.yaml: a cert-manager Certificate provides its Secret and keys, said at info naming it', () => {
    // Two references to the Secret from one pod: one info.
    const findings = fixtureFindings(import.meta.url, 'invalid-produced-certificate.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['info', '/spec/template/spec/volumes/0/secret/secretName', [44, 25, 44, 32]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'Secret web-tls (namespace shop), referenced by volume "tls" of the pod template of Deployment shop/web, is produced by Certificate shop/web in this bundle',
    ]);
    expect(
      findings.map((f) => (f.related ?? []).map((r) => [r.path, r.range.line, r.message])),
    ).toEqual([[['/spec/secretName', 7, 'Secret web-tls, created by Certificate shop/web']]]);
  });

  it('invalid-certificate-other-namespace.yaml: a Certificate provides its Secret in its own namespace only', () => {
    const findings = fixtureFindings(
      import.meta.url,
      'invalid-certificate-other-namespace.yaml',
      ID,
    );
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/template/spec/volumes/0/secret/secretName', [38, 25, 38, 32]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'Secret web-tls (namespace shop), referenced by volume "tls" of the pod template of Deployment shop/web, is not in the bundle: the pod will not start until it exists',
    ]);
  });

  it('invalid-certificate-secret-key.yaml: tls.crt passes, a key cert-manager does not write is reported', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-certificate-secret-key.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      [
        'warning',
        '/spec/template/spec/containers/0/env/1/valueFrom/secretKeyRef/key',
        [39, 24, 39, 32],
      ],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'key "password" is not in Secret web-tls (created by Certificate web with keys: tls.crt, tls.key, ca.crt), referenced by env valueFrom of container "app" of Deployment web: the container will not start',
    ]);
    expect(
      findings.map((f) =>
        (f.related ?? []).map((r) => [r.path, r.range.line, r.range.column, r.message]),
      ),
    ).toEqual([[['/spec/secretName', 6, 15, 'Secret web-tls, created by Certificate web']]]);
  });

  it('a Certificate of an unrelated API group provides no Secret (certmanager.k8s.io does: see invalid-produced-secrets.yaml)', () => {
    const findings = findingsFor(
      [
        'apiVersion: pki.example.com/v1',
        'kind: Certificate',
        'metadata:',
        '  name: web',
        'spec:',
        '  secretName: web-tls',
        '---',
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: web',
        'spec:',
        '  containers:',
        '    - name: app',
        '      image: registry.example.com/web:1.4.2',
        '  volumes:',
        '    - name: tls',
        '      secret:',
        '        secretName: web-tls',
        '',
      ].join('\n'),
      ID,
    );
    expect(findings.map((f) => [f.path, at(f)])).toEqual([
      ['/spec/volumes/0/secret/secretName', [19, 21, 19, 28]],
    ]);
  });

  it('invalid-produced-secrets.yaml: legacy certmanager.k8s.io Certificate, SealedSecret and ExternalSecret produce their Secrets, each said at info naming it', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-produced-secrets.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['info', '/spec/containers/0/env/0/valueFrom/secretKeyRef/name', [48, 35, 48, 37]],
      ['info', '/spec/containers/0/env/1/valueFrom/secretKeyRef/name', [51, 35, 51, 50]],
      ['info', '/spec/volumes/0/secret/secretName', [57, 21, 57, 32]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'Secret db (namespace default), referenced by env valueFrom of container "app" of Pod web, is produced by SealedSecret db in this bundle',
      'Secret api-credentials (namespace default), referenced by env valueFrom of container "app" of Pod web, is produced by ExternalSecret api in this bundle',
      'Secret test-ca-crt (namespace default), referenced by volume "tls" of Pod web, is produced by Certificate test-ca-crt in this bundle',
    ]);
  });

  it('an ExternalSecret with creationPolicy Merge or None produces no Secret; without target.name it produces its own name', () => {
    const bundle = (target: string, secretName: string) =>
      [
        'apiVersion: external-secrets.io/v1',
        'kind: ExternalSecret',
        'metadata:',
        '  name: database-credentials',
        'spec:',
        '  secretStoreRef: { name: vault, kind: ClusterSecretStore }',
        target,
        '  data:',
        '    - secretKey: password',
        '      remoteRef: { key: database/password }',
        '---',
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: api',
        'spec:',
        '  containers:',
        '    - name: api',
        '      image: registry.example.com/api:2.0.1',
        '      envFrom:',
        `        - secretRef: { name: ${secretName} }`,
        '',
      ].join('\n');
    const severities = (target: string, secretName: string) =>
      findingsFor(bundle(target, secretName), ID).map((f) => f.severity);
    expect(severities('  target: { name: db, creationPolicy: Merge }', 'db')).toEqual(['warning']);
    expect(severities('  target: { name: db, creationPolicy: None }', 'db')).toEqual(['warning']);
    expect(severities('  target: { name: db, creationPolicy: Orphan }', 'db')).toEqual(['info']);
    expect(severities('  target: { creationPolicy: Owner }', 'database-credentials')).toEqual([
      'info',
    ]);
    expect(severities('  refreshInterval: 1h', 'database-credentials')).toEqual(['info']);
    expect(severities('  target: { name: db }', 'database-credentials')).toEqual(['warning']);
  });

  it('invalid-runtime-creator.yaml: a Job allowed to create secrets makes it info, naming the Job; not in another namespace', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-runtime-creator.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['info', '/spec/volumes/0/secret/secretName', [59, 21, 59, 30]],
      ['warning', '/spec/volumes/0/secret/secretName', [74, 21, 74, 30]],
    ]);
    expect(findings[0].message).toBe(
      'Secret envoycert (namespace projectcontour), referenced by volume "envoycert" of Pod projectcontour/envoy, is not in the bundle, but Job projectcontour/contour-certgen-v1.20.1 may create it at run time (its ServiceAccount may create secrets there, granted by Role projectcontour/contour-certgen)',
    );
    expect(findings[0].related?.map((r) => [r.path, r.range.line])).toEqual([
      ['/metadata/name', 36],
    ]);
  });
});
