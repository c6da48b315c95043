import { describe, expect, it } from 'vitest';
import { validateManifest } from '../../../engine/validate.js';
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

  // One bad scalar or line, one finding (issue 15): yaml itself reports some of these twice.
  const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n';
  const ONE_EACH: Array<[string, string, number, RegExp]> = [
    [
      'a line of a block scalar indented less than the first',
      '  motd: |\n    hello\n   world\n  mode: x\n',
      8,
      /same column/,
    ],
    [
      'a plain scalar continued at a smaller indentation',
      '  motd: hello\n world\n',
      7,
      /same column/,
    ],
    ['a flow sequence continued at column 1', '  hosts: [a,\nb]\n', 7, /Flow sequence/],
    [
      'an unterminated double-quoted scalar',
      '  motd: "hello\n  mode: x\n',
      8,
      /Missing closing "quote/,
    ],
    [
      'an unterminated single-quoted scalar',
      "  motd: 'hello\n  mode: x\n",
      8,
      /Missing closing 'quote/,
    ],
    [
      'a bad escape in a double-quoted scalar',
      '  motd: "a\\qb"\n',
      6,
      /Invalid escape sequence \\q/,
    ],
    ['a tab as indentation', '\tmotd: x\n', 6, /Tabs/],
    ['an unclosed flow sequence', '  hosts: [a\n  mode: x\n', 7, /Flow sequence/],
    ['an empty anchor', '  motd: &\n  mode: x\n', 6, /Anchor cannot be an empty string/],
    ['text after a quoted scalar', '  motd: "hello" world\n', 6, /Unexpected scalar/],
    [
      'an alias with no anchor before it',
      '  motd: *greeting\n',
      6,
      /no anchor &greeting defined before it/,
    ],
  ];
  it.each(ONE_EACH)('%s: one finding', (_what, body, line, message) => {
    const findings = findingsFor(HEAD + body, 'yaml/syntax');
    expect(findings.map((f) => f.range.line)).toEqual([line]);
    expect(findings[0].message).toMatch(message);
  });

  it('one finding per bad document of a multi-document manifest, the good one still checked', () => {
    const text = `${HEAD}  motd: |\n    hello\n   world\n---\n${HEAD}  motd: ok\n---\n${HEAD}  hosts: [a,\nb]\n`;
    const result = validateManifest(text, { filename: 'three.yaml' });
    const syntax = result.findings.filter((f) => f.ruleId === 'yaml/syntax');
    expect(syntax.map((f) => [f.object.documentIndex, f.range.line])).toEqual([
      [0, 8],
      [2, 23],
    ]);
    expect(result.objects.map((o) => o.documentIndex)).toEqual([1]);
  });

  it('an alias of an anchor defined later, or in another document, is an error; one defined before is not', () => {
    expect(findingsFor('a: *x\nb: &x 1\n', 'yaml/syntax').map((f) => f.message)).toEqual([
      'Alias *x refers to no anchor &x defined before it in this document; Kubernetes reads YAML with go-yaml, which refuses it ("unknown anchor referenced")',
    ]);
    expect(findingsFor('a: &x 1\n---\nb: *x\n', 'yaml/syntax').map((f) => f.range.line)).toEqual([
      3,
    ]);
    expect(findingsFor('*x : 1\n', 'yaml/syntax')).toHaveLength(1);
    expect(findingsFor('a: &x 1\nb: *x\n', 'yaml/syntax')).toEqual([]);
  });
});
