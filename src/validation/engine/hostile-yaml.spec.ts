import { describe, expect, it } from 'vitest';
import { aliasKeyAttack, at } from '../rules/testing.js';
import { LIMITS, ManifestLimitError, RESULT_LIMITS } from './limits.js';
import { validateManifestBothWays as validateManifest } from './chunked-testing.js';

function limitOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ManifestLimitError) return error.limit;
    throw error;
  }
  return undefined;
}

const configMap = (name: string, data: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${data}`;

describe('aliases are charged for what they stand for, in characters as well as nodes', () => {
  it('refuses the 33 KB one-key attack (30,000 characters × 1,000 aliases) as a 422 limit', () => {
    const text = aliasKeyAttack(30_000, 1000, 1);
    expect(text.length).toBeLessThan(64 * 1024); // the inline path
    expect(limitOf(() => validateManifest(text))).toBe('aliasExpansion');
    expect(() => validateManifest(text)).toThrow(/1000000 characters/);
  });

  it('refuses the 20-key and the 73 KB worker-size variants the same way', () => {
    expect(limitOf(() => validateManifest(aliasKeyAttack(30_000, 1000, 20)))).toBe(
      'aliasExpansion',
    );
    expect(limitOf(() => validateManifest(aliasKeyAttack(70_000, 1000, 1)))).toBe('aliasExpansion');
  });

  it('puts the character limit exactly at LIMITS.aliasExpansionChars', () => {
    // 1,000 aliases of 1,000 characters add exactly the limit; one more character is over it.
    expect(limitOf(() => validateManifest(aliasKeyAttack(1000, 1000, 0)))).toBeUndefined();
    expect(LIMITS.aliasExpansionChars).toBe(1_000_000);
    expect(limitOf(() => validateManifest(aliasKeyAttack(1001, 1000, 0)))).toBe('aliasExpansion');
  });

  it('sums the budget over every document of the manifest', () => {
    const doc = aliasKeyAttack(1000, 600, 0);
    expect(limitOf(() => validateManifest(doc))).toBeUndefined();
    expect(limitOf(() => validateManifest(`${doc}---\n${doc}`))).toBe('aliasExpansion');
  });

  it('refuses billion laughs built from a long string as well as from many nodes', () => {
    const lines = [`a: &a "${'x'.repeat(100)}"`];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
    ]) {
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    // 10,000 copies of 100 characters: only 11,110 nodes, but over a million characters.
    expect(limitOf(() => validateManifest(lines.join('\n')))).toBe('aliasExpansion');
  });

  it('charges aliases under a merge key `<<`, which stays an ordinary key', () => {
    const text = `base: &b {k: "${'x'.repeat(2000)}"}\nm:\n${Array.from(
      { length: 600 },
      (_, i) => `  - {<<: *b, n: ${i}}`,
    ).join('\n')}\n`;
    expect(limitOf(() => validateManifest(text))).toBe('aliasExpansion');
  });

  it('charges aliases in the keys of flow mappings', () => {
    const text = `s: &s ${'a'.repeat(5000)}\nm: {${Array.from({ length: 300 }, (_, i) => `*s : ${i}`).join(', ')}}\n`;
    expect(limitOf(() => validateManifest(text))).toBe('aliasExpansion');
  });

  it('still expands the aliases of real manifests', () => {
    const text = configMap('a', '  x: &v shared\n  y: *v\n');
    const result = validateManifest(text);
    expect(result.valid).toBe(true);
  });
});

describe('mapping keys are never expanded or stringified', () => {
  it('reports a sequence alias as a key once, at the key, with a short stand-in', () => {
    // Under the alias budget, so the key itself is what is checked.
    const text = aliasKeyAttack(500, 1000, 1);
    const result = validateManifest(text);
    const syntax = result.findings.filter((f) => f.ruleId === 'yaml/syntax');
    expect(syntax).toHaveLength(1);
    expect(syntax[0].message).toMatch(/^A mapping key is a sequence; Kubernetes reads YAML/);
    expect(syntax[0].path).toBe(''); // the mapping that holds the key
    expect(at(syntax[0])).toEqual([3, 3, 3, 5]);
    expect(JSON.stringify(result).length).toBeLessThan(2000);
    expect(result.valid).toBe(false);
  });

  it('reports a written collection key, in block and flow style', () => {
    for (const text of ['? [a, b]\n: v\n', '? {a: b}\n: v\n', '{[a]: v}\n']) {
      const [finding] = validateManifest(text).findings.filter((f) => f.ruleId === 'yaml/syntax');
      expect(finding.message).toMatch(/^A mapping key is a (sequence|mapping);/);
    }
  });

  it('duplicate collection keys cost one short finding each, not a copy of the key', () => {
    const result = validateManifest(aliasKeyAttack(500, 1000, 20));
    const duplicates = result.findings.filter((f) => f.ruleId === 'yaml/duplicate-key');
    expect(duplicates).toHaveLength(19);
    expect(duplicates[0].message).toBe(
      'Key "[sequence]" appears more than once in this mapping; the last value wins, earlier ones are silently lost',
    );
    expect(JSON.stringify(result).length).toBeLessThan(20_000);
  });

  it('reads an alias of a scalar as that scalar, as go-yaml does', () => {
    const text = configMap('a', '  k: &k name\n  ? *k\n  : v\n');
    const result = validateManifest(text);
    expect(result.findings.filter((f) => f.ruleId === 'yaml/syntax')).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('an anchor on a key can be used as a value', () => {
    const text = configMap('a', '  &k key: v\n  other: *k\n');
    expect(validateManifest(text).valid).toBe(true);
  });

  it('quotes at most 64 characters of a long duplicate key', () => {
    const key = 'k'.repeat(70_000);
    const [finding] = validateManifest(
      configMap('a', `  ? ${key}\n  : 1\n  ? ${key}\n  : 2\n`),
    ).findings;
    expect(finding.ruleId).toBe('yaml/duplicate-key');
    expect(finding.message).toBe(
      `Key "${'k'.repeat(64)}… (70000 characters)" appears more than once in this mapping; the last value wins, earlier ones are silently lost`,
    );
  });
});

describe('every answer is bounded', () => {
  it('clips messages, paths and object names of a long key and a long name', () => {
    const name = 'n'.repeat(100_000);
    const key = 'k'.repeat(100_000);
    // Explicit `?` keys: go-yaml, like yaml, caps implicit keys at 1,024 characters.
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n? ${key}\n: 1\n`;
    const result = validateManifest(text);
    expect(result.findings.length).toBeGreaterThan(0);
    for (const finding of result.findings) {
      expect(finding.message.length).toBeLessThanOrEqual(RESULT_LIMITS.messageChars + 40);
      expect(finding.path.length).toBeLessThanOrEqual(RESULT_LIMITS.pathChars + 40);
      expect(finding.object.name?.length).toBeLessThanOrEqual(RESULT_LIMITS.refChars + 40);
    }
    expect(result.objects[0].name).toBe(`${'n'.repeat(256)}… (100000 characters)`);
    expect(JSON.stringify(result).length).toBeLessThan(20_000);
  });

  it('clips yaml/syntax messages that quote a long line', () => {
    const result = validateManifest(`a: "${'x'.repeat(200_000)}\n`);
    const [finding] = result.findings;
    expect(finding.ruleId).toBe('yaml/syntax');
    expect(finding.message.length).toBeLessThanOrEqual(RESULT_LIMITS.messageChars + 40);
  });

  it('lists at most RESULT_LIMITS.findings findings, errors first, and says what was cut', () => {
    // 1,000 objects with 3 findings each: two warnings/infos and one error.
    const docs = Array.from(
      { length: 1000 },
      (_, i) =>
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  a: b\n  a: c\nbogus${i}: 1\nother${i}: 2\n`,
    ).join('---\n');
    const result = validateManifest(docs);
    const total = result.summary.errors + result.summary.warnings + result.summary.infos;
    expect(total).toBeGreaterThan(RESULT_LIMITS.findings);
    expect(result.findings).toHaveLength(RESULT_LIMITS.findings);
    expect(result.truncated).toEqual({
      findings: total - RESULT_LIMITS.findings,
      reason: expect.stringMatching(/^Only the first 2000 findings, most severe first/),
    });
    const severities = result.findings.map((f) => f.severity);
    const errors = severities.filter((s) => s === 'error').length;
    expect(errors).toBe(Math.min(result.summary.errors, RESULT_LIMITS.findings));
    expect(result.valid).toBe(false);
  });

  it('has no truncated field when nothing was cut', () => {
    expect(validateManifest(configMap('a', '  a: b\n')).truncated).toBeUndefined();
  });
});

describe('nodes written are bounded, per document and per manifest', () => {
  const flow = (n: number) => `[${Array.from({ length: n }, () => 'a').join(',')}]\n`;

  it('refuses the 600 KB `[a,a,…]` heap filler (600,000 tokens in one document) as a 422 limit', () => {
    expect(limitOf(() => validateManifest(flow(300_000)))).toBe('nodes');
  });

  it('counts one document at a time up to LIMITS.nodesPerDocument', () => {
    // Three counted tokens an entry: the key, `:` and the value.
    const entries = (n: number) =>
      Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n') + '\n';
    const per = LIMITS.nodesPerDocument;
    const fit = Math.floor(per / 3);
    expect(limitOf(() => validateManifest(entries(fit)))).toBeUndefined();
    expect(limitOf(() => validateManifest(entries(fit + 1)))).toBe('nodes');
    // The same twice, as two documents: each stays under the per-document limit.
    const half = entries(per / 4);
    expect(limitOf(() => validateManifest(`${half}---\n${half}`))).toBeUndefined();
  });

  it('refuses many documents that together pass LIMITS.nodes', () => {
    const doc = Array.from({ length: 30_000 }, (_, i) => `k${i}: v`).join('\n') + '\n';
    const docs = Math.ceil(LIMITS.nodes / 90_000) + 1;
    const text = Array.from({ length: docs }, () => doc).join('---\n');
    expect(limitOf(() => validateManifest(text))).toBe('nodes');
  });
});
