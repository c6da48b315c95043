import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'container/secret-in-env';

describe(ID, () => {
  it('invalid-literal-secrets.yaml: reports 6 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-literal-secrets.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['warning', '/spec/initContainers/0/env/0/value', [12, 18, 12, 30]],
      ['warning', '/spec/containers/0/env/0/value', [18, 18, 18, 25]],
      ['warning', '/spec/containers/0/env/1/value', [20, 18, 20, 32]],
      ['warning', '/spec/containers/0/env/2/value', [22, 18, 22, 60]],
      ['warning', '/spec/containers/0/env/0/value', [34, 18, 37, 43]],
      ['warning', '/spec/containers/0/env/1/value', [52, 18, 52, 33]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'environment variable upstreamApiKey of sidecar container "proxy" of Pod web has a literal value under a secret-looking name: anyone who can read the Pod can read it; use valueFrom.secretKeyRef',
      'environment variable DB_PASSWORD of container "app" of Pod web has a literal value under a secret-looking name: anyone who can read the Pod can read it; use valueFrom.secretKeyRef',
      'environment variable GITHUB_TOKEN of container "app" of Pod web has a literal value under a secret-looking name: anyone who can read the Pod can read it; use valueFrom.secretKeyRef',
      'environment variable TLS_CERT of container "app" of Pod web holds a literal private key: reference a Secret with valueFrom.secretKeyRef instead',
      'environment variable the_good_stuff of container "git-sync" of Pod ssh holds a literal private key: reference a Secret with valueFrom.secretKeyRef instead',
      'environment variable MYSQL_ROOT_PASSWORD of container "mysql" of Pod mysql has a literal value under a secret-looking name: anyone who can read the Pod can read it; use valueFrom.secretKeyRef',
    ]);
  });

  it('valid-env.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-env.yaml', ID)).toEqual([]);
  });
});
