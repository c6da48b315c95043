import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { BadRequestError } from '../../common/errors.js';
import { at } from '../rules/testing.js';
import { ManifestLimitError } from './limits.js';
import type { Rule } from './types.js';
import { validateManifest, validateWith } from './validate.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "3"
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: registry.example.com/web:1.2.3
          imagePullPolice: Always
`;

function only(ruleId: string, text: string) {
  return validateManifest(text).findings.filter((finding) => finding.ruleId === ruleId);
}

function limitOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ManifestLimitError) return error.limit;
    throw error;
  }
  return undefined;
}

const configMap = (name: string, extra = '') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data:\n  a: b\n`;

describe('validateManifest: positions', () => {
  it('reports replicas: "3" once as schema/invalid-type at the quoted value', () => {
    const findings = only('schema/invalid-type', DEPLOYMENT);
    expect(findings).toHaveLength(1);
    expect(findings[0].path).toBe('/spec/replicas');
    expect(at(findings[0])).toEqual([6, 13, 6, 16]);
  });

  it('reports an unknown container field at its key', () => {
    const [finding] = only('schema/unknown-field', DEPLOYMENT);
    expect(finding.path).toBe('/spec/template/spec/containers/0/imagePullPolice');
    expect(at(finding)).toEqual([16, 11, 16, 26]);
  });

  it('reports invalid YAML as yaml/syntax at the parser position and still checks the other documents', () => {
    const text = `${configMap('ok')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "broken\n`;
    const result = validateManifest(text);
    const syntax = result.findings.filter((finding) => finding.ruleId === 'yaml/syntax');
    expect(syntax.length).toBeGreaterThanOrEqual(1);
    expect(syntax[0].object).toEqual({ documentIndex: 1 });
    const [line, column] = at(syntax[0]);
    const reference = parseAllDocuments(text)[1].errors[0].linePos?.[0];
    expect({ line, column }).toEqual({ line: reference?.line, column: reference?.col });
    expect(line).toBe(12);
    expect(result.valid).toBe(false);
    expect(result.objects.map((object) => object.name)).toEqual(['ok']);
  });

  it('reports a duplicate key at the second occurrence; the last value wins', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n  name: two\n`;
    const result = validateManifest(text);
    const [finding] = result.findings.filter((f) => f.ruleId === 'yaml/duplicate-key');
    expect(finding.path).toBe('/metadata/name');
    expect(at(finding)).toEqual([5, 3, 5, 7]);
    expect(result.objects[0].name).toBe('two');
  });

  it('maps List items to basePath ["items", i] with object-relative paths', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: a}
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: a}
`;
    const result = validateManifest(text);
    const [duplicate] = result.findings.filter((f) => f.ruleId === 'manifest/duplicate-object');
    expect(duplicate.path).toBe('/metadata/name');
    expect(at(duplicate)).toEqual([9, 22, 9, 23]);
    expect(duplicate.related?.[0].range.line).toBe(6);
    expect(result.objects.map((o) => o.line)).toEqual([4, 7]);
  });

  it('points at the deepest existing ancestor key when the path does not exist', () => {
    const finding = only(
      'manifest/invalid-name',
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n`,
    )[0];
    expect(finding.path).toBe('/metadata/name');
    expect(at(finding)).toEqual([3, 1, 3, 9]);
  });

  it('sorts findings by document, line and column', () => {
    const result = validateManifest(`${DEPLOYMENT}---\n${configMap('Bad_Name')}`);
    const keys = result.findings.map((f) => [f.object.documentIndex, f.range.line, f.range.column]);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    expect(keys).toEqual(sorted);
  });
});

describe('validateManifest: result shape', () => {
  it('accepts a kind: List with two valid items as two objects', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: ServiceAccount\n    metadata: {name: b}\n`;
    const result = validateManifest(text);
    expect(result.valid).toBe(true);
    expect(result.summary).toMatchObject({ documents: 1, objects: 2, errors: 0 });
    expect(result.objects).toEqual([
      { documentIndex: 0, apiVersion: 'v1', kind: 'ConfigMap', name: 'a', line: 4 },
      { documentIndex: 0, apiVersion: 'v1', kind: 'ServiceAccount', name: 'b', line: 7 },
    ]);
    expect(result.patterns).toEqual([]);
  });

  it('counts empty documents but makes no objects of them', () => {
    const result = validateManifest(`---\n# nothing\n---\n${configMap('a')}---\n`);
    expect(result.summary.objects).toBe(1);
    expect(result.objects[0].documentIndex).toBe(1);
  });

  it('reports a document that is not a mapping as manifest/missing-type', () => {
    const [finding] = only('manifest/missing-type', `- just\n- a list\n`);
    expect(finding.object).toEqual({ documentIndex: 0 });
    expect(at(finding).slice(0, 2)).toEqual([1, 1]);
  });

  it('reads YAML as Kubernetes does (1.1): octal modes, yes/no booleans, timestamps stay strings', () => {
    const probe: Rule = {
      id: 'probe/values',
      title: 't',
      severity: 'info',
      category: 'manifest',
      patterns: [],
      description: 'd',
      remediation: 'r',
      references: [],
      check: (ctx) =>
        ctx.report({
          object: ctx.objects[0],
          path: [],
          message: JSON.stringify(ctx.objects[0].raw.data),
        }),
    };
    const result = validateWith(
      [probe],
      `kind: X\ndata:\n  mode: 0644\n  flag: yes\n  day: 2024-01-02\n  time: 12:30\n`,
    );
    expect(JSON.parse(result.findings[0].message)).toEqual({
      mode: 420,
      flag: true,
      day: '2024-01-02',
      time: '12:30',
    });
  });
});

describe('validateManifest: silencing and failures', () => {
  it('rules.disable silences a rule for the whole manifest', () => {
    const result = validateManifest(DEPLOYMENT, { disable: ['schema/invalid-type'] });
    expect(result.findings.some((f) => f.ruleId === 'schema/invalid-type')).toBe(false);
    expect(result.findings.some((f) => f.ruleId === 'schema/unknown-field')).toBe(true);
  });

  it('the podwire.dev/ignore annotation silences rules for that object only', () => {
    const ignored = configMap(
      'Bad_One',
      '  annotations:\n    podwire.dev/ignore: "manifest/invalid-name, schema/unknown-field"\n',
    );
    const result = validateManifest(`${ignored}---\n${configMap('Bad_Two')}`);
    const names = result.findings
      .filter((f) => f.ruleId === 'manifest/invalid-name')
      .map((f) => f.object.name);
    expect(names).toEqual(['Bad_Two']);
  });

  it('rejects unknown rule ids in disable with a 400 naming the entry', () => {
    expect(() => validateManifest(DEPLOYMENT, { disable: ['nope/never'] })).toThrow(
      BadRequestError,
    );
    try {
      validateManifest(DEPLOYMENT, { disable: ['yaml/syntax', 'nope/never'] });
    } catch (error) {
      expect((error as BadRequestError).errors?.[0].field).toBe('rules.disable[1]');
    }
  });

  const base = {
    title: 't',
    category: 'reference',
    patterns: [],
    description: 'd',
    remediation: 'r',
    references: [],
  } as const;

  it('scope: partial turns missing-reference findings into info', () => {
    const rule: Rule = {
      ...base,
      id: 'reference/test',
      severity: 'error',
      check: (ctx) =>
        ctx.report({
          object: ctx.objects[0],
          path: ['data'],
          message: 'gone',
          missingReference: true,
        }),
    };
    expect(validateWith([rule], configMap('a')).findings[0].severity).toBe('error');
    const partial = validateWith([rule], configMap('a'), { scope: 'partial' });
    expect(partial.findings[0].severity).toBe('info');
    expect(partial.valid).toBe(true);
  });

  it('a rule that throws is skipped and named; the other rules still report', () => {
    const broken: Rule = {
      ...base,
      id: 'reference/broken',
      severity: 'error',
      check: (ctx) => {
        ctx.report({ object: ctx.objects[0], path: [], message: 'half-done' });
        throw new TypeError('bug');
      },
    };
    const fine: Rule = {
      ...base,
      id: 'reference/fine',
      severity: 'warning',
      check: (ctx) => ctx.report({ object: ctx.objects[0], path: ['data', 'a'], message: 'ok' }),
    };
    const seen: string[] = [];
    const result = validateWith([broken, fine], configMap('a'), {
      onInternalError: (source) => seen.push(source),
    });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['reference/fine']);
    expect(result.skippedRules).toEqual(['reference/broken']);
    expect(seen).toEqual(['reference/broken']);
  });
});

describe('validateManifest: hostile input', () => {
  it('validates 1,000 documents and rejects 1,001 naming the limit', () => {
    const docs = (n: number) =>
      Array.from({ length: n }, (_, i) => configMap(`cm-${i}`)).join('---\n');
    expect(validateManifest(docs(1000)).summary.objects).toBe(1000);
    expect(limitOf(() => validateManifest(docs(1001)))).toBe('documents');
    expect(() => validateManifest(docs(1001))).toThrow(/more than 1000 YAML documents/);
  });

  it('rejects more than 1,000 objects through List items', () => {
    const items = Array.from(
      { length: 1001 },
      (_, i) => `  - {apiVersion: v1, kind: ConfigMap, metadata: {name: c${i}}}`,
    );
    expect(
      limitOf(() => validateManifest(`apiVersion: v1\nkind: List\nitems:\n${items.join('\n')}\n`)),
    ).toBe('objects');
  });

  it('rejects absurd nesting before yaml recurses, and keeps working afterwards', () => {
    expect(limitOf(() => validateManifest('['.repeat(1000) + ']'.repeat(1000)))).toBe('depth');
    expect(limitOf(() => validateManifest('- '.repeat(200) + 'x\n'))).toBe('depth');
    let block = '';
    for (let i = 0; i < 150; i++) block += `${' '.repeat(i)}k:\n`;
    expect(limitOf(() => validateManifest(block))).toBe('depth');
    // yaml's stack overflow at ~800 levels used to break V8 regex compilation for the next parse.
    expect(validateManifest(configMap('after')).valid).toBe(true);
    expect(limitOf(() => validateManifest('['.repeat(100) + ']'.repeat(100)))).toBeUndefined();
  });

  it('reports a List whose items are not a sequence instead of failing', () => {
    for (const items of ['{a: 1}', 'web', '3']) {
      const result = validateManifest(`apiVersion: v1\nkind: List\nitems: ${items}\n`);
      expect(result.findings.map((f) => [f.ruleId, f.path])).toEqual([
        ['manifest/missing-type', '/items'],
      ]);
      expect(result.valid).toBe(false);
    }
    // An empty List holds no object: that is manifest/empty (DESIGN §5), not a clean pass.
    expect(
      validateManifest('apiVersion: v1\nkind: List\nitems:\n').findings.map((f) => f.ruleId),
    ).toEqual(['manifest/empty']);
  });

  it('puts the nesting limit exactly at 100 collections, whether or not a scalar is innermost', () => {
    expect(limitOf(() => validateManifest('['.repeat(101) + ']'.repeat(101)))).toBe('depth');
    expect(limitOf(() => validateManifest('- '.repeat(100) + 'x\n'))).toBeUndefined();
    expect(limitOf(() => validateManifest('- '.repeat(101) + 'x\n'))).toBe('depth');
  });

  it('rejects billion-laughs aliases as a limit', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
      ['g', 'f'],
    ]) {
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    expect(limitOf(() => validateManifest(lines.join('\n')))).toBe('aliasExpansion');
  });

  it('reports a circular alias as yaml/syntax', () => {
    const [finding] = only('yaml/syntax', 'a: &x\n  b: *x\n');
    expect(finding.message).toMatch(/refers to a node that contains it/);
  });

  it('keeps __proto__ an ordinary key: no prototype pollution', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\n__proto__:\n  polluted: yes\ndata:\n  __proto__: x\n`;
    const result = validateManifest(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const unknown = result.findings
      .filter((f) => f.ruleId === 'schema/unknown-field')
      .map((f) => f.path);
    expect(unknown).toContain('/__proto__');
  });

  it('handles a mapping with 60,000 keys (yaml`s own duplicate check is quadratic)', () => {
    const lines = Array.from({ length: 60_000 }, (_, i) => `  k${i}: v`);
    const result = validateManifest(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${lines.join('\n')}\n  k7: again\n`,
    );
    expect(
      result.findings.filter((f) => f.ruleId === 'yaml/duplicate-key').map((f) => f.range.line),
    ).toEqual([60_006]);
  });
});
