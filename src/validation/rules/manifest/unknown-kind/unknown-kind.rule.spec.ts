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

  it('names the served apiVersions of a built-in kind under a removed one', () => {
    const [finding] = fixtureFindings(
      import.meta.url,
      'invalid-removed-api-version.yaml',
      'manifest/unknown-kind',
    );
    expect(finding.message).toBe(
      'Deployment is not served as extensions/v1beta1 by Kubernetes 1.34 (known: apps/v1): schema checks skipped',
    );
    expect(at(finding)).toEqual([1, 13, 1, 31]);
  });

  it('stays silent on built-in kinds', () => {
    expect(
      fixtureFindings(import.meta.url, 'valid-built-in.yaml', 'manifest/unknown-kind'),
    ).toEqual([]);
  });
});
