import { describe, expect, it } from 'vitest';
import { at, findingsFor, fixtureFindings, validateFixture } from '../../testing.js';

describe('yaml/syntax', () => {
  it('reports a mapping entry at the wrong indentation where the parser stops', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-bad-indent.yaml', 'yaml/syntax');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toBe('All mapping items must start at the same column');
    expect(at(findings[0])).toEqual([5, 1, 5, 2]);
    expect(findings[0].object).toEqual({ documentIndex: 0 });
  });

  it('reports an unclosed flow mapping', () => {
    const [finding] = fixtureFindings(import.meta.url, 'invalid-unclosed-flow.yaml', 'yaml/syntax');
    expect(finding.message).toMatch(/Flow map .* end with a \}/);
    expect(at(finding)).toEqual([6, 1, 6, 2]);
  });

  it('makes no object of a broken document, so no follow-up findings appear', () => {
    const result = validateFixture(import.meta.url, 'invalid-bad-indent.yaml');
    expect(result.valid).toBe(false);
    expect(result.objects).toEqual([]);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['yaml/syntax']);
  });

  it('accepts quoted values containing ": "', () => {
    expect(fixtureFindings(import.meta.url, 'valid-config.yaml', 'yaml/syntax')).toEqual([]);
  });

  it('reports tabs used for indentation', () => {
    const [finding] = findingsFor('metadata:\n\tname: x\n', 'yaml/syntax');
    expect(finding.range.line).toBe(2);
  });
});
