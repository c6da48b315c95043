import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../rules/fix-testing.js';
import type { Finding } from '../result.js';
import type { JsonPath, Rule } from '../types.js';
import { validateWith } from '../validate.js';
import type { FixEdit } from './edit.js';

/** A rule that proposes `edits` on every object whose kind is Pod, so edits can be tried alone. */
function ruleWith(edits: FixEdit[], path: JsonPath = ['kind']): Rule {
  return {
    id: 'test/fix',
    title: 'fix',
    severity: 'warning',
    category: 'container',
    patterns: [],
    description: 'test',
    remediation: 'test',
    references: [],
    check: (ctx) => {
      for (const object of ctx.byKind('Pod')) {
        ctx.report({
          object,
          path,
          message: 'm',
          fix: { description: 'd', safety: 'safe', edits },
        });
      }
    },
  };
}

function fixOf(text: string, edits: FixEdit[]): Finding['fix'] {
  return validateWith([ruleWith(edits)], text).findings.find((f) => f.ruleId === 'test/fix')?.fix;
}

function fixed(text: string, edits: FixEdit[]): string | undefined {
  const fix = fixOf(text, edits);
  return fix && applyEdits(text, fix.edits);
}

const POD = `apiVersion: v1
kind: Pod # a pod
metadata:
  name: "web"
  labels: { app: web, tier: 'front' }
spec:
  containers:
    - name: app # main
      image: nginx:1.27.3

      ports:
        - containerPort: 80
`;

describe('fix edits (semantic → text)', () => {
  it('set keeps the quoting style of the replaced scalar and everything else', () => {
    expect(fixed(POD, [{ set: ['metadata', 'name'], value: 'api' }])).toBe(
      POD.replace('"web"', '"api"'),
    );
    expect(fixed(POD, [{ set: ['metadata', 'labels', 'tier'], value: 'back' }])).toBe(
      POD.replace("'front'", "'back'"),
    );
    expect(fixed(POD, [{ set: ['spec', 'containers', 0, 'name'], value: 'main' }])).toBe(
      POD.replace('name: app # main', 'name: main # main'),
    );
  });

  it('set quotes a plain value that would otherwise read as another type', () => {
    expect(fixed(POD, [{ set: ['metadata', 'labels', 'app'], value: 'true' }])).toBe(
      POD.replace('{ app: web,', '{ app: "true",'),
    );
    expect(fixed(POD, [{ set: ['metadata', 'labels', 'app'], value: 'a,b' }])).toBe(
      POD.replace('{ app: web,', '{ app: "a,b",'),
    );
  });

  it('set writes a number or boolean plain, replacing the quotes of a string', () => {
    const quoted = POD.replace('containerPort: 80', 'containerPort: "80"');
    expect(
      fixed(quoted, [{ set: ['spec', 'containers', 0, 'ports', 0, 'containerPort'], value: 80 }]),
    ).toBe(POD);
  });

  it('quote writes a plain scalar as a string of its own text, in block and flow style', () => {
    const pod = POD.replace("tier: 'front' }", 'tier: 1.10 }').replace(
      'image: nginx:1.27.3',
      'image: nginx:1.27.3\n      tty: yes',
    );
    expect(
      fixed(pod, [
        { quote: ['metadata', 'labels', 'tier'] },
        { quote: ['spec', 'containers', 0, 'tty'] },
      ]),
    ).toBe(pod.replace('tier: 1.10 }', 'tier: "1.10" }').replace('tty: yes', 'tty: "yes"'));
    // Already quoted, a block scalar, or a mapping: nothing to quote.
    expect(fixOf(POD, [{ quote: ['metadata', 'name'] }])).toBeUndefined();
    expect(fixOf(POD, [{ quote: ['metadata', 'labels'] }])).toBeUndefined();
  });

  it('insert adds a key after the last sibling, same indentation, in block style', () => {
    expect(
      fixed(POD, [{ insert: ['spec', 'containers', 0], key: 'imagePullPolicy', value: 'Always' }]),
    ).toBe(`${POD}      imagePullPolicy: Always\n`);
  });

  it('insert after a named sibling, keeping comments and blank lines where they were', () => {
    expect(
      fixed(POD, [
        {
          insert: ['spec', 'containers', 0],
          key: 'imagePullPolicy',
          value: 'Always',
          after: 'name',
        },
      ]),
    ).toBe(POD.replace('# main\n', '# main\n      imagePullPolicy: Always\n'));
  });

  it('insert creates missing parent mappings, indented by the document step', () => {
    expect(
      fixed(POD, [
        {
          insert: ['spec', 'containers', 0, 'securityContext', 'capabilities'],
          key: 'drop',
          value: ['ALL'],
        },
      ]),
    ).toBe(
      `${POD}      securityContext:\n        capabilities:\n          drop:\n            - ALL\n`,
    );
  });

  it('insert into a flow mapping stays flow', () => {
    expect(fixed(POD, [{ insert: ['metadata', 'labels'], key: 'team', value: 'a b' }])).toBe(
      POD.replace("tier: 'front' }", "tier: 'front', team: a b }"),
    );
  });

  it('insert into a file without a final newline adds one first', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web';
    expect(fixed(text, [{ insert: ['metadata'], key: 'namespace', value: 'shop' }])).toBe(
      `${text}\n  namespace: shop\n`,
    );
  });

  it('insert and append replace a null value (`key:`, `key: null`) with block lines beneath it', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  volumes:
    - name: scratch
      emptyDir: # scratch space
    - name: cache
      emptyDir: null
  containers:
    - name: app
      securityContext: ~
`;
    expect(
      fixed(text, [
        { insert: ['spec', 'volumes', 0, 'emptyDir'], key: 'sizeLimit', value: '1Gi' },
        { insert: ['spec', 'volumes', 1, 'emptyDir'], key: 'sizeLimit', value: '1Gi' },
        {
          append: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'],
          value: 'ALL',
        },
      ]),
    ).toBe(
      text
        .replace(
          'emptyDir: # scratch space\n',
          'emptyDir: # scratch space\n        sizeLimit: 1Gi\n',
        )
        .replace('emptyDir: null\n', 'emptyDir:\n        sizeLimit: 1Gi\n')
        .replace(
          'securityContext: ~\n',
          'securityContext:\n        capabilities:\n          drop:\n            - ALL\n',
        ),
    );
    const drop = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    a: [ ]\n    b:';
    expect(
      fixed(drop, [
        { append: ['metadata', 'labels', 'a'], value: 'x' },
        { append: ['metadata', 'labels', 'b'], value: 'z' },
      ]),
    ).toBe(drop.replace('[ ]', '[ x]').replace('b:', 'b:\n      - z\n'));
  });

  it('no fix replaces a null inside a flow mapping or a tagged null', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: { name: web, labels: }\n';
    expect(fixOf(text, [{ insert: ['metadata', 'labels'], key: 'a', value: 'b' }])).toBeUndefined();
    const tagged = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: !!null\n';
    expect(
      fixOf(tagged, [{ insert: ['metadata', 'labels'], key: 'a', value: 'b' }]),
    ).toBeUndefined();
  });

  it('remove deletes a mapping entry with its line', () => {
    expect(fixed(POD, [{ remove: ['spec', 'containers', 0, 'image'] }])).toBe(
      POD.replace('      image: nginx:1.27.3\n', ''),
    );
  });

  it('rename changes only the key, in its quoting style, keeping value and comment', () => {
    expect(
      fixed(POD, [{ rename: ['spec', 'containers', 0, 'image'], key: 'imagePullPolicy' }]),
    ).toBe(POD.replace('      image: nginx', '      imagePullPolicy: nginx'));
    expect(fixed(POD, [{ rename: ['metadata', 'labels', 'tier'], key: 'a b' }])).toBe(
      POD.replace("tier: 'front'", "a b: 'front'"),
    );
    const quoted = 'apiVersion: v1\nkind: Pod\nmetadata:\n  "nmae": web # x\n';
    expect(fixed(quoted, [{ rename: ['metadata', 'nmae'], key: 'name' }])).toBe(
      quoted.replace('"nmae"', '"name"'),
    );
    const numeric = 'apiVersion: v1\nkind: Pod\nmetadata:\n  9080: a\n';
    expect(fixed(numeric, [{ rename: ['metadata', '9080'], key: '8080' }])).toBe(
      numeric.replace('9080', '8080'),
    );
  });

  it('no rename onto a key the mapping already has, nor of a missing key', () => {
    expect(fixOf(POD, [{ rename: ['metadata', 'labels', 'tier'], key: 'app' }])).toBeUndefined();
    expect(fixOf(POD, [{ rename: ['metadata', 'nmae'], key: 'name' }])).toBeUndefined();
  });

  it('appendDocument adds a document at the end of the file', () => {
    expect(
      fixed(POD, [{ appendDocument: { apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1' } } }]),
    ).toBe(`${POD}---\napiVersion: v1\nkind: ConfigMap\ndata:\n  a: "1"\n`);
  });

  it('no fix through an alias or an anchored node (its text is shared)', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: &labels { app: web }
spec:
  containers:
    - name: app
      image: nginx
      securityContext: *labels
`;
    expect(fixOf(text, [{ insert: ['metadata', 'labels'], key: 'x', value: 'y' }])).toBeUndefined();
    expect(
      fixOf(text, [{ insert: ['spec', 'containers', 0, 'securityContext'], key: 'x', value: 1 }]),
    ).toBeUndefined();
    expect(fixOf(text, [{ set: ['metadata', 'name'], value: 'api' }])).toBeDefined();
  });

  it('no fix when a key is already there, a scalar is a block scalar, or edits overlap', () => {
    expect(fixOf(POD, [{ insert: ['metadata'], key: 'name', value: 'x' }])).toBeUndefined();
    expect(
      fixOf('apiVersion: v1\nkind: Pod\nmetadata:\n  name: |\n    web\n', [
        { set: ['metadata', 'name'], value: 'api' },
      ]),
    ).toBeUndefined();
    expect(
      fixOf(POD, [{ set: ['metadata', 'name'], value: 'a' }, { remove: ['metadata', 'name'] }]),
    ).toBeUndefined();
  });

  it('two keys inserted into one mapping join in the order given', () => {
    expect(
      fixed(POD, [
        { insert: ['metadata'], key: 'a', value: 1 },
        { insert: ['metadata'], key: 'b', value: 2 },
      ]),
    ).toBe(POD.replace("tier: 'front' }\n", "tier: 'front' }\n  a: 1\n  b: 2\n"));
    // Into an empty flow mapping, and into a non-empty one: one comma between entries.
    const empty = POD.replace('  name: "web"', '  name: "web"\n  annotations: {}');
    const keys: FixEdit[] = [
      { insert: ['metadata', 'annotations'], key: 'a', value: 1 },
      { insert: ['metadata', 'annotations'], key: 'b', value: 2 },
    ];
    expect(fixed(empty, keys)).toBe(empty.replace('annotations: {}', 'annotations: {a: 1, b: 2}'));
    const flow = [
      { insert: ['metadata', 'labels'], key: 'a', value: 1 },
      { insert: ['metadata', 'labels'], key: 'b', value: 2 },
    ] satisfies FixEdit[];
    expect(fixed(POD, flow)).toBe(POD.replace("tier: 'front' }", "tier: 'front', a: 1, b: 2 }"));
  });

  it('a List item is edited inside its item; edits of multi-file bundles carry the filename', () => {
    const list = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata:
      name: web
`;
    const result = validateWith(
      [ruleWith([{ insert: ['metadata'], key: 'namespace', value: 'shop' }])],
      [{ filename: 'k8s/list.yaml', text: list }],
    );
    const fix = result.findings.find((f) => f.ruleId === 'test/fix')?.fix;
    expect(fix?.edits.map((e) => e.filename)).toEqual(['k8s/list.yaml']);
    expect(applyEdits(list, fix?.edits ?? [])).toBe(`${list}      namespace: shop\n`);
  });
});
