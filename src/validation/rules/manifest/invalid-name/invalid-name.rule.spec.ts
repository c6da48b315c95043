import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';
import { nameProblem } from './invalid-name.rule.js';

describe('manifest/invalid-name', () => {
  it('requires a DNS-1035 label for Services', () => {
    const findings = fixtureFindings(
      import.meta.url,
      'invalid-service-name.yaml',
      'manifest/invalid-name',
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/^Service name "1orders.api" must be a DNS-1035 label/);
    expect(at(findings[0])).toEqual([4, 9, 4, 20]);
  });

  it('reports uppercase names and objects without any name', () => {
    const findings = fixtureFindings(
      import.meta.url,
      'invalid-uppercase.yaml',
      'manifest/invalid-name',
    );
    expect(findings.map((finding) => [finding.message.slice(0, 30), ...at(finding)])).toEqual([
      ['ConfigMap name "Orders_Config"', 4, 9, 4, 22],
      ['ConfigMap has no metadata.name', 10, 1, 10, 9],
    ]);
  });

  it('accepts subdomains, RBAC path segments and generateName', () => {
    expect(fixtureFindings(import.meta.url, 'valid-names.yaml', 'manifest/invalid-name')).toEqual(
      [],
    );
  });

  it.each([
    ['Namespace', 'a.b', 'must be a DNS-1123 label'],
    ['Service', 'x'.repeat(64), 'at most 63'],
    ['ConfigMap', 'a'.repeat(254), 'at most 253'],
    ['CronJob', 'c'.repeat(53), 'at most 52'],
    ['Role', 'a/b', 'may not contain'],
    ['Deployment', '-web', 'DNS-1123 subdomain'],
  ])('%s %s', (kind, name, problem) => {
    expect(nameProblem(kind, name)).toContain(problem);
  });

  it.each([
    ['Namespace', 'shop'],
    ['Service', 'web-v2'],
    ['Deployment', 'web.v2'],
    ['ClusterRoleBinding', 'system:Admin'],
    ['CronJob', 'c'.repeat(52)],
  ])('accepts %s %s', (kind, name) => {
    expect(nameProblem(kind, name)).toBeUndefined();
  });
});
