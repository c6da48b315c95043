import { describe, expect, it } from 'vitest';
import { at, fixtureFindings, validateFixture } from '../../testing.js';

describe('manifest/unknown-kind', () => {
  it('reports a custom resource as info at its kind and skips its schema', () => {
    const result = validateFixture(import.meta.url, 'invalid-custom-resource.yaml');
    const findings = result.findings.filter(
      (finding) => finding.ruleId === 'manifest/unknown-kind',
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('info');
    expect(at(findings[0])).toEqual([2, 7, 2, 21]);
    expect(result.findings.filter((finding) => finding.ruleId.startsWith('schema/'))).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('leaves a built-in kind under a removed apiVersion to api/removed', () => {
    const result = validateFixture(import.meta.url, 'valid-removed-api-version.yaml');
    expect(result.findings.filter((f) => f.ruleId === 'manifest/unknown-kind')).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId.startsWith('api/')).map((f) => f.ruleId)).toEqual(
      ['api/removed'],
    );
  });

  it('stays silent on built-in kinds, CustomResourceDefinition and APIService included', () => {
    expect(
      fixtureFindings(import.meta.url, 'valid-built-in.yaml', 'manifest/unknown-kind'),
    ).toEqual([]);
  });
});
