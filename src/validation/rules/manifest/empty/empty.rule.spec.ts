import { describe, expect, it } from 'vitest';
import { validateFiles, validateManifest } from '../../../engine/validate.js';
import { at, fixtureFindings } from '../../testing.js';

const ids = (text: string): string[] =>
  validateManifest(text).findings.map((finding) => finding.ruleId);

describe('manifest/empty', () => {
  it('makes a text of only comments invalid, at line 1 column 1', () => {
    const findings = fixtureFindings(
      import.meta.url,
      'invalid-only-comments.yaml',
      'manifest/empty',
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('error');
    expect(at(findings[0])).toEqual([1, 1, 1, 1]);
    expect(validateManifest('').valid).toBe(false);
    expect(ids('')).toEqual(['manifest/empty']);
  });

  it('fires on an empty List and an empty JSON array', () => {
    expect(ids('apiVersion: v1\nkind: List\nitems: []\n')).toEqual(['manifest/empty']);
    expect(ids('[]\n')).toEqual(['manifest/empty']);
  });

  it('fires on a request without files, and names the files that hold nothing', () => {
    const none = validateFiles([]);
    expect(none.valid).toBe(false);
    expect(none.findings.map((finding) => [finding.ruleId, finding.object])).toEqual([
      ['manifest/empty', { documentIndex: 0 }],
    ]);
    const blank = validateFiles([
      { filename: 'a.yaml', content: '# stub\n' },
      { filename: 'b.yaml', content: '' },
    ]);
    expect(blank.findings).toHaveLength(1);
    expect(blank.findings[0].object).toEqual({ filename: 'a.yaml', documentIndex: 0 });
  });

  it('stays silent when another finding already explains the missing objects', () => {
    expect(ids('just a string\n')).toEqual(['manifest/missing-type']);
    expect(ids('a: [\n')).not.toContain('manifest/empty');
  });

  it('can be disabled like any rule', () => {
    const result = validateManifest('', { disable: ['manifest/empty'] });
    expect(result.valid).toBe(true);
    expect(result.findings).toEqual([]);
  });
});
