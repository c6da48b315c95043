import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';
import { generateNameProblem, nameProblem } from './invalid-name.rule.js';
import { NAME_VALIDATIONS } from './name-validation.js';

const RULE = 'manifest/invalid-name';

describe('manifest/invalid-name', () => {
  it('requires a DNS-1035 label for Services', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-service-name.yaml', RULE);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/^Service name "1orders.api" must be a DNS-1035 label/);
    expect(at(findings[0])).toEqual([4, 9, 4, 20]);
  });

  it('reports uppercase names and objects without any name', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-uppercase.yaml', RULE);
    expect(findings.map((finding) => [finding.message.slice(0, 30), ...at(finding)])).toEqual([
      ['ConfigMap name "Orders_Config"', 4, 9, 4, 22],
      ['ConfigMap has no metadata.name', 10, 1, 10, 9],
    ]);
  });

  it('checks each kind as its own API validation does, generateName included', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-per-kind.yaml', RULE);
    expect(findings.map((finding) => [finding.message, ...at(finding)])).toEqual([
      [
        `Namespace name "shop.eu" must be a DNS-1123 label: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`,
        4,
        9,
        4,
        16,
      ],
      [`Role name "readers/orders" must be a path segment name: may not contain '/'`, 9, 9, 9, 23],
      [
        'Job name "nightly-reindex-of-the-orders-search-index-for-every-shop-region" must be no more than 63 characters: it becomes the value of the pod label batch.kubernetes.io/job-name (has 64)',
        16,
        9,
        16,
        73,
      ],
      [
        `Job name "shard-reindex-of-the-orders-search-index-for-the-eu-region-01" will not be able to create pods: the last Indexed pod's hostname "shard-reindex-of-the-orders-search-index-for-the-eu-region-01-99" is not a DNS-1123 label (at most 63 characters, no dots)`,
        28,
        9,
        28,
        70,
      ],
      [
        `Service generateName "9orders-" must be a DNS-1035 label prefix: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character`,
        42,
        17,
        42,
        25,
      ],
      [
        `PriorityClass name "system-orders" priority class names with 'system-' prefix are reserved for system use only`,
        51,
        9,
        51,
        22,
      ],
    ]);
  });

  it('accepts subdomains, RBAC path segments and generateName', () => {
    expect(fixtureFindings(import.meta.url, 'valid-names.yaml', RULE)).toEqual([]);
  });

  it('accepts what only the kind-specific validation allows (RBAC colons, CSRs, manualSelector Jobs, custom resources)', () => {
    expect(fixtureFindings(import.meta.url, 'valid-per-kind.yaml', RULE)).toEqual([]);
  });

  it.each([
    ['v1', 'Namespace', 'a.b', 'must be a DNS-1123 label'],
    ['v1', 'Namespace', 'n'.repeat(64), 'must be no more than 63 characters'],
    ['v1', 'Service', 'x'.repeat(64), 'must be no more than 63 characters'],
    ['v1', 'ConfigMap', 'a'.repeat(254), 'must be no more than 253 characters'],
    ['batch/v1', 'CronJob', 'c'.repeat(53), 'no more than 52'],
    ['rbac.authorization.k8s.io/v1', 'Role', 'a/b', "may not contain '/'"],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole', '..', "may not be '..'"],
    ['rbac.authorization.k8s.io/v1', 'RoleBinding', '100%', "may not contain '%'"],
    ['apps/v1', 'Deployment', '-web', 'DNS-1123 subdomain'],
    ['example.com/v1', 'Widget', 'Big_Widget', 'DNS-1123 subdomain'],
  ])('%s %s %s', (apiVersion, kind, name, problem) => {
    expect(nameProblem(apiVersion, kind, name)).toContain(problem);
  });

  it.each([
    ['v1', 'Namespace', 'shop'],
    ['v1', 'Service', 'web-v2'],
    ['apps/v1', 'Deployment', 'web.v2'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'system:Admin'],
    ['batch/v1', 'CronJob', 'c'.repeat(52)],
    ['batch/v1', 'Job', 'j'.repeat(63)],
    ['serving.knative.dev/v1', 'Service', 'web.v2'],
    ['certificates.k8s.io/v1', 'CertificateSigningRequest', 'Any Name/At All'],
  ])('accepts %s %s %s', (apiVersion, kind, name) => {
    expect(nameProblem(apiVersion, kind, name)).toBeUndefined();
  });

  it.each([
    // maskTrailingDash replaces the last two characters by "a": "a-" and "web-" pass, "-" fails.
    ['v1', 'Service', 'web-', undefined],
    ['v1', 'Service', 'a-', undefined],
    ['v1', 'Service', '-', 'DNS-1035 label prefix'],
    ['v1', 'Namespace', 'team.a-', 'DNS-1123 label prefix'],
    ['rbac.authorization.k8s.io/v1', 'Role', 'system:', undefined],
    ['rbac.authorization.k8s.io/v1', 'Role', 'a/', "may not contain '/'"],
  ])('generateName %s %s %s', (apiVersion, kind, prefix, problem) => {
    const result = generateNameProblem(apiVersion, kind, prefix);
    if (problem === undefined) expect(result).toBeUndefined();
    else expect(result).toContain(problem);
  });

  it('keeps the per-kind table in one place, each entry naming its Kubernetes source', () => {
    expect(NAME_VALIDATIONS.get('/Service')?.source).toContain('ValidateServiceName');
    expect(NAME_VALIDATIONS.get('rbac.authorization.k8s.io/Role')?.source).toContain(
      'IsValidPathSegmentName',
    );
    for (const validation of NAME_VALIDATIONS.values()) expect(validation.source).not.toBe('');
  });
});
