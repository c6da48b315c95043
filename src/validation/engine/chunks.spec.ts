import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixGoldens } from '../rules/fix-testing.js';
import { rules } from '../rules/index.js';
import { RULES_DIR, ruleFixtures } from '../rules/testing.js';
import { validateBothWays } from './chunked-testing.js';
import { ChunkedParser, MEMO_NODES, splitChunks } from './chunks.js';
import { LIMITS, ManifestLimitError } from './limits.js';
import { parseManifest } from './parse.js';
import type { ManifestParser } from './run.js';
import { validateManifest } from './validate.js';

/**
 * ChunkedParser must be invisible: a manifest read in document chunks, fresh or from a memo that
 * saw its chunks at other offsets, validates exactly as parseManifest reads it (result, or the
 * same limit error). Judged on real manifests (the corpus), every rule fixture, and generated
 * texts built from the shapes that could tell the two apart.
 */

const CORPUS = join(RULES_DIR, '..', '..', '..', 'test', 'corpus');

describe('splitChunks', () => {
  const texts = (text: string) => splitChunks(text).map((chunk) => chunk.text);

  it('splits at `---` lines (then a blank, a comment, content or the end), keeping every character', () => {
    const text = 'a: 1\n--- # c\nb: 2\n---\tx\n---x\n----\n---';
    expect(texts(text)).toEqual(['a: 1\n', '--- # c\nb: 2\n', '---\tx\n---x\n----\n', '---']);
    expect(splitChunks(text).map(({ offset }) => offset)).toEqual([0, 5, 18, 34]);
  });

  it('keeps comments and blank lines before the first `---` with the document after them', () => {
    expect(texts('\uFEFF# head\n\n---\na: 1\n---\nb: 2\n')).toEqual([
      '\uFEFF# head\n\n---\na: 1\n',
      '---\nb: 2\n',
    ]);
  });

  it('does not split a text with a directive or a lone CR', () => {
    expect(texts('%YAML 1.2\n---\na: 1\n---\nb: 2\n')).toHaveLength(1);
    expect(texts('a: 1\n---\n%TAG ! x\n---\nb: 2\n')).toHaveLength(1);
    expect(texts('a: 1\r---\nb: 2\n')).toHaveLength(1);
    expect(texts('a: 1\r\n---\r\nb: 2\r\n')).toEqual(['a: 1\r\n', '---\r\nb: 2\r\n']);
  });
});

describe('a chunked read validates as the whole text (corpus and rule fixtures)', () => {
  const projects = readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const filesOf = (project: string) =>
    readdirSync(join(CORPUS, project))
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => ({
        filename: `${project}/${name}`,
        content: readFileSync(join(CORPUS, project, name), 'utf8'),
      }));

  it.each(projects)(
    'corpus %s: each file, the files as one bundle and joined by `---`',
    (project) => {
      const files = filesOf(project);
      for (const file of files) validateBothWays(file.content);
      validateBothWays(files);
      validateBothWays(files.map((file) => file.content).join('\n---\n'));
    },
  );

  const fixtures = rules.flatMap((rule) => {
    const [scope, name] = rule.id.split('/');
    const dir = join(RULES_DIR, scope, name);
    const { valid, invalid } = ruleFixtures(dir);
    const files = [...valid, ...invalid, ...fixGoldens(dir).map((g) => `fix/${g}.before.yaml`)];
    return files.map((file) => join(dir, 'fixtures', file));
  });

  it(`every rule fixture (${fixtures.length}), with its options`, () => {
    expect(fixtures.length).toBeGreaterThan(100);
    for (const path of fixtures) {
      const text = readFileSync(path, 'utf8');
      const options = /^# options: (\{.*\})\s*$/.exec(text.split('\n')[0])?.[1];
      validateBothWays(text, options ? JSON.parse(options) : {});
    }
  });
});

/** Documents (and what goes between them) that could read differently when cut at `---`. */
const documents = fc.constantFrom(
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n',
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n    targetPort: htpp\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        ports:\n        - {name: http, containerPort: 80}\n        securityContext:\n          allowPrivilegeEscalation: true\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: script\ndata:\n  run.sh: |\n    echo one\n    echo two\n',
  '|\n  a root block scalar\n',
  '>-\nfolded at column 0\n',
  'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: l1}}\n- 3\n',
  '[{apiVersion: v1, kind: ConfigMap, metadata: {name: f1}},\n {apiVersion: v1, kind: Secret, metadata: {name: f2}}]\n',
  'a: [1, 2,\n',
  'a: "unclosed\n',
  "a: 'single\n  continued'\n",
  'a: {b: 1,\n',
  'a: &x {k: v}\nb: *x\nc: *missing\n',
  'a: 1\na: 2\n',
  'a:\n  - b\n c: 1\n',
  'kind: ConfigMap\n',
  '- just\n- a sequence\n',
  'plain scalar\ncontinued\n',
  '? [a, b]\n: c\n',
  '# only a comment\n',
  '',
  '\n\n',
  '...\n',
  '...\n# after the end marker\n',
  'a: 1\n...\nb: 2\n',
  '\t\n',
  'a: |+\n  kept\n\n\n',
  'a: >\n  folded\n\n  \n',
  'a: |\n  text\n  # not a comment\n',
  'a: 1\n  # indented comment\n',
  'a: 1\n\t# tabbed comment\n',
  'b: *x\n',
  'a: !!str 1\nb: !!int "2"\n',
  'a: "escaped \\" quote\n',
  "a: 'it''s\n",
  ' %not a directive\n',
  'a: 1\r\n',
  'a:\n- x\n -y\n',
);
const separators = fc.constantFrom(
  '---\n',
  '--- # comment\n',
  '---\t\n',
  '--- \n',
  '--- |\n  block after the marker\n',
  '--- {apiVersion: v1, kind: ConfigMap, metadata: {name: inline}}\n',
  '--- a: 1\n',
  '---',
  '# between\n---\n',
  '\n---\n',
  '----\n',
  '---x\n',
  '...\n---\n',
  '  \t\n---\n',
  '--- !!map\n',
  '--- &d\n',
  '--- >\n',
  '---\r\n',
);
const manifests = fc
  .tuple(
    fc.array(fc.tuple(documents, separators), { maxLength: 7 }),
    documents,
    fc.boolean(),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([pairs, last, crlf, bom, leadingComment]) => {
    let text = pairs.map(([doc, sep]) => doc + sep).join('') + last;
    if (leadingComment) text = `# head\n\n${text}`;
    if (crlf) text = text.replaceAll('\n', '\r\n');
    return bom ? `\uFEFF${text}` : text;
  });

describe('a chunked read validates as the whole text (generated manifests)', () => {
  it('single manifests: comments and markers around `---`, CRLF, BOM, broken documents', () => {
    fc.assert(
      fc.property(manifests, (text) => {
        validateBothWays(text);
      }),
      { numRuns: Number(process.env.PODWIRE_CHUNK_RUNS ?? 300) },
    );
  });

  it('bundles of files, with partial scope', () => {
    fc.assert(
      fc.property(fc.array(manifests, { minLength: 1, maxLength: 3 }), (texts) => {
        const files = texts.map((content, i) => ({ filename: `f${i}.yaml`, content }));
        validateBothWays(files, { scope: 'partial' });
      }),
      { numRuns: 60 },
    );
  });
});

describe('limits throw as they do for the whole text', () => {
  const limitOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof ManifestLimitError) return error.limit;
      throw error;
    }
    return undefined;
  };
  const configMap = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`;

  it('documents and objects, over the files of a bundle', () => {
    const docs = (n: number) => Array.from({ length: n }, (_, i) => configMap(i)).join('---\n');
    expect(limitOf(() => validateBothWays(docs(LIMITS.documents + 1)))).toBe('documents');
    const files = [
      { filename: 'a.yaml', content: docs(600) },
      { filename: 'b.yaml', content: docs(401) },
    ];
    expect(limitOf(() => validateBothWays(files))).toBe('documents');
    const list = `apiVersion: v1\nkind: List\nitems:\n${Array.from({ length: 600 }, (_, i) => `- {apiVersion: v1, kind: ConfigMap, metadata: {name: l${i}}}\n`).join('')}`;
    expect(limitOf(() => validateBothWays(`${list}---\n${list}`))).toBe('objects');
  });

  it('depth and aliases in a later chunk', () => {
    const deep = `${'['.repeat(LIMITS.depth + 1)}${']'.repeat(LIMITS.depth + 1)}\n`;
    expect(limitOf(() => validateBothWays(`${configMap(0)}---\n${deep}`))).toBe('depth');
    const laughs = `a: &a [${Array(200).fill('x').join(',')}]\nb: &b [${Array(200).fill('*a').join(',')}]\nc: [${Array(10).fill('*b').join(',')}]\n`;
    expect(limitOf(() => validateBothWays(`${configMap(0)}---\n${laughs}`))).toBe('aliasExpansion');
  });

  it('a remembered chunk that now crosses the manifest node limit is read again and refused', () => {
    const doc = Array.from({ length: 30_000 }, (_, i) => `k${i}: v`).join('\n') + '\n';
    const parser = new ChunkedParser();
    // Remembered while under the limit, then repeated past it.
    expect(limitOf(() => validateManifest(doc, { parse: parser.parse }))).toBeUndefined();
    parser.nextValidation();
    const docs = Math.ceil(LIMITS.nodes / 90_000) + 1;
    const text = Array.from({ length: docs }, () => doc).join('---\n');
    expect(limitOf(() => validateManifest(text, { parse: parser.parse }))).toBe('nodes');
  });
});

describe('what a ChunkedParser hands to the next validation stays valid', () => {
  const deepFreeze = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  };
  /** parseManifest with every plain object and path frozen: a rule that writes to one throws. */
  const frozen: ManifestParser = (text, bundle) => {
    const parsed = parseManifest(text, bundle);
    for (const object of parsed.objects) {
      deepFreeze(object.raw);
      deepFreeze(object.basePath);
    }
    return parsed;
  };
  const texts = [
    ...readdirSync(CORPUS, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap(({ name }) =>
        readdirSync(join(CORPUS, name))
          .filter((file) => /\.ya?ml$/.test(file))
          .map((file) => readFileSync(join(CORPUS, name, file), 'utf8')),
      ),
    ...rules.flatMap((rule) => {
      const [scope, name] = rule.id.split('/');
      const dir = join(RULES_DIR, scope, name);
      const { valid, invalid } = ruleFixtures(dir);
      return [...valid, ...invalid].map((file) =>
        readFileSync(join(dir, 'fixtures', file), 'utf8'),
      );
    }),
  ];

  it(`no rule writes to the plain objects (${texts.length} corpus files and rule fixtures, frozen)`, () => {
    for (const text of texts) {
      const line = /^# options: (\{.*\})\s*$/.exec(text.split('\n')[0])?.[1];
      const options = line ? (JSON.parse(line) as Record<string, unknown>) : {};
      const failed: string[] = [];
      const result = validateManifest(text, {
        ...options,
        parse: frozen,
        onInternalError: (source) => failed.push(source),
      });
      expect(failed).toEqual([]);
      expect(result).toStrictEqual(validateManifest(text, options));
    }
  });

  it('a custom resource met again is judged by the CRDs of the bundle it is now in', () => {
    const crd = (pattern: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: backups.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Backup, plural: backups, singular: backup, listKind: BackupList}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                schedule: {type: string, pattern: '${pattern}'}
`;
    const backup =
      'apiVersion: example.com/v1\nkind: Backup\nmetadata:\n  name: b\nspec:\n  schedule: daily\n';
    const strict = `${crd('^[0-9]+$')}---\n${backup}`;
    const loose = `${crd('^[a-z]+$')}---\n${backup}`;
    expect(validateManifest(strict).findings.map((f) => f.ruleId)).toContain(
      'custom-resource/schema-violation',
    );
    const parser = new ChunkedParser();
    for (const text of [strict, loose, strict]) {
      parser.nextValidation();
      expect(validateManifest(text, { parse: parser.parse })).toStrictEqual(validateManifest(text));
    }
  });
});

describe('ChunkedParser memory', () => {
  const bundle = () => ({ documents: 0, objects: 0, aliases: { nodes: 0, chars: 0 } });
  const twice = (text: string) => {
    const parser = new ChunkedParser();
    const runs = [0, 1].map(() => {
      parser.nextValidation();
      const parsed = parser.parse(text, bundle());
      parser.endValidation();
      return parsed;
    });
    return runs.map((parsed) => parsed.documents.map((document) => document.doc));
  };

  it('hands the next validation the documents it read', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: Secret\n';
    const [first, second] = twice(text);
    expect(second).toHaveLength(2);
    second.forEach((doc, i) => expect(doc).toBe(first[i]));
  });

  it(`keeps nothing of a validation that read more than ${MEMO_NODES} lexemes`, () => {
    // Distinct documents: identical chunks share one read.
    const doc = (d: number) =>
      Array.from({ length: 30_000 }, (_, i) => `k${d}-${i}: v`).join('\n') + '\n';
    const docs = Math.ceil(MEMO_NODES / 90_000) + 1;
    const [first, second] = twice(Array.from({ length: docs }, (_, d) => doc(d)).join('---\n'));
    expect(second).toHaveLength(docs);
    second.forEach((read, i) => expect(read).not.toBe(first[i]));
  });
});
