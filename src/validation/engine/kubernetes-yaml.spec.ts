import { describe, expect, it } from 'vitest';
import { at, findingsFor, validateFixture } from '../rules/testing.js';
import { parseManifest } from './parse.js';
import { validateManifest } from './validate.js';

/** The yaml/syntax rule folder holds the fixture (its registry meta-test also checks it stays silent). */
const FIXTURE = new URL('../rules/yaml/syntax/syntax.rule.spec.ts', import.meta.url).href;

/** DESIGN §8, issue 13 item 6: what go-yaml accepts is not yaml/syntax, and positions stay exact. */
describe('quoted scalars as go-yaml reads them', () => {
  it('reads the OpenTelemetry CRDs: no yaml/syntax, no document dropped', () => {
    const result = validateFixture(FIXTURE, 'valid-go-yaml-quoted.yaml');
    expect(result.findings.filter((f) => f.ruleId === 'yaml/syntax')).toEqual([]);
    expect(result.summary.documents).toBe(3);
    expect(result.objects.map((o) => [o.kind, o.name, o.line])).toEqual([
      ['CustomResourceDefinition', 'instrumentations.opentelemetry.io', 4],
      ['CustomResourceDefinition', 'opampbridges.opentelemetry.io', 30],
      ['Deployment', 'opentelemetry-operator-controller-manager', 56],
    ]);
  });

  it('keeps positions exact after the lenient scalars', () => {
    const result = validateFixture(FIXTURE, 'valid-go-yaml-quoted.yaml');
    const [replicas] = result.findings.filter((f) => f.ruleId === 'schema/invalid-type');
    expect(replicas.path).toBe('/spec/replicas');
    expect(at(replicas)).toEqual([64, 13, 64, 16]);
    // The CRDs' lenient scalars are read whole: both CRDs are schema-checked and clean.
    const onCrds = result.findings.filter((f) => f.object?.kind === 'CustomResourceDefinition');
    expect(onCrds).toEqual([]);
  });

  it('folds the continuation lines into the value as go-yaml does', () => {
    const text = "a: 'one\ntwo\n  three\n\n\tfour ''q'''\nb: \"x\ny\\ty\"\n";
    const { objects, findings } = parseManifest(`kind: K\napiVersion: v1\n${text}`);
    expect(findings).toEqual([]);
    expect(objects[0].raw.a).toBe("one two three\nfour 'q'");
    expect(objects[0].raw.b).toBe('x y\ty');
  });

  it('puts a finding inside and after a multi-line quoted scalar on the right line', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    a: "x\n    y"\ndata:\n  k: v\n  k: w\n';
    const [duplicate] = findingsFor(text, 'yaml/duplicate-key');
    expect(at(duplicate)).toEqual([10, 3, 10, 4]);
  });

  it('still refuses what go-yaml refuses', () => {
    // A document marker at column 0 inside a quoted scalar: "found unexpected document indicator".
    expect(findingsFor("a: 'one\n---\ntwo'\n", 'yaml/syntax').length).toBeGreaterThan(0);
    expect(findingsFor('a: "one\n...\ntwo"\n', 'yaml/syntax').length).toBeGreaterThan(0);
    // A quoted scalar that never ends: "found unexpected end of stream".
    expect(findingsFor("a: 'one\ntwo\n", 'yaml/syntax').length).toBeGreaterThan(0);
    // Plain scalars keep the indentation rule (go-yaml ends them at the parent's indentation).
    const [plain] = findingsFor('a:\n  b: one\n  two\n', 'yaml/syntax');
    expect(plain.range.line).toBe(3);
  });

  it('keeps the document marker check to column 0', () => {
    expect(findingsFor("a: 'one\n ---\ntwo'\n", 'yaml/syntax')).toEqual([]);
    expect(findingsFor("a: 'one\n---x\ntwo'\n", 'yaml/syntax')).toEqual([]);
  });
});

describe('no document is dropped silently', () => {
  it('reports an unreadable document even when yaml/syntax is disabled', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\na: [\n';
    const result = validateManifest(text, { disable: ['yaml/syntax'] });
    expect(result.summary.documents).toBe(2);
    expect(result.objects).toHaveLength(1);
    expect(result.findings.map((f) => [f.ruleId, f.object.documentIndex])).toEqual([
      ['yaml/syntax', 1],
    ]);
    expect(result.valid).toBe(false);
  });
});
