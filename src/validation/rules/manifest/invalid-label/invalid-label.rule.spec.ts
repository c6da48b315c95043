import { describe, expect, it } from 'vitest';
import { isQualifiedName, isValidLabelValue } from '../../../model/name-syntax.js';
import { at, findingsFor, fixtureFindings } from '../../testing.js';

const RULE = 'manifest/invalid-label';

const summary = (file: string) =>
  fixtureFindings(import.meta.url, file, RULE).map((finding) => [
    finding.message.replace(/ is invalid: .*/, ''),
    ...at(finding),
  ]);

describe('manifest/invalid-label', () => {
  it('reports bad keys at the key and bad values at the value, in metadata, templates and selectors', () => {
    expect(summary('invalid-labels.yaml')).toEqual([
      ['label value "_" of "app"', 6, 10, 6, 11],
      ['label key "Example.com/tier"', 7, 5, 7, 21],
      ['label value "v1.2.3+build" of "version"', 8, 14, 8, 26],
      ['annotation key "example.com/owner/team"', 10, 5, 10, 27],
      ['selector value "orders-" of "app"', 15, 12, 15, 19],
      ['selector key "tier/"', 17, 14, 17, 19],
      ['selector value "back_end_"', 19, 18, 19, 27],
      ['label value "orders-" of "app"', 23, 14, 23, 21],
      [
        'label value "this-value-is-much-longer-than-sixty-three-characters-and-so-rejected" of "release"',
        24,
        18,
        24,
        87,
      ],
      ['selector key "disk type"', 27, 9, 27, 18],
    ]);
  });

  it('words the reasons as apimachinery does and names the object', () => {
    const [underscore, prefix] = fixtureFindings(import.meta.url, 'invalid-labels.yaml', RULE);
    expect(underscore.message).toBe(
      `label value "_" of "app" is invalid: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (Deployment orders)`,
    );
    expect(prefix.message).toContain('prefix part a lowercase RFC 1123 subdomain');
  });

  it('checks job templates, their pod templates, volume claim templates and Service selectors', () => {
    expect(summary('invalid-templates.yaml')).toEqual([
      ['label value "nightly report" of "kind"', 10, 15, 10, 31],
      ['annotation key ""', 15, 13, 15, 15],
      ['label key "/data"', 41, 11, 41, 16],
      ['selector value "db!" of "app.kubernetes.io/name"', 55, 29, 55, 32],
    ]);
  });

  it('says when only the objects a controller makes from a template are rejected', () => {
    const messages = fixtureFindings(import.meta.url, 'invalid-templates.yaml', RULE).map(
      (finding) => finding.message,
    );
    // ValidateJobTemplateSpec checks the jobTemplate's spec, not its metadata: the Jobs fail.
    expect(messages[0]).toMatch(
      /: the API server accepts the CronJob but rejects the Jobs made from this template \(CronJob report\)$/,
    );
    // The pod template inside it is validated with the CronJob itself.
    expect(messages[1]).not.toContain('accepts the CronJob');
    expect(messages[2]).toMatch(
      /: the API server accepts the StatefulSet but rejects the PersistentVolumeClaims made from this template \(StatefulSet db\)$/,
    );
  });

  it('rejects annotations over 256 KiB in total, at the annotations key', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-annotations-size.yaml', RULE);
    expect(findings.map((finding) => [finding.message, ...at(finding)])).toEqual([
      [
        'annotations total 262145 bytes (keys and values): may not be more than 262144 bytes (256 KiB) (ConfigMap blob)',
        5,
        3,
        5,
        14,
      ],
    ]);
    expect(fixtureFindings(import.meta.url, 'valid-annotations-size.yaml', RULE)).toEqual([]);
  });

  it('counts annotation bytes, not characters', () => {
    // 87,382 three-byte characters are 262,146 bytes with the key: over the limit.
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: blob\n  annotations:\n    a: "${'€'.repeat(87_382)}"\n`;
    expect(findingsFor(text, RULE).map((finding) => finding.message)).toEqual([
      expect.stringContaining('annotations total 262147 bytes'),
    ]);
  });

  it('accepts what the API server accepts, and leaves custom resources\u2019 specs alone', () => {
    expect(fixtureFindings(import.meta.url, 'valid-labels.yaml', RULE)).toEqual([]);
  });

  it('checks the metadata of custom resources too', () => {
    const text =
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  labels:\n    app: "-w"\n';
    expect(findingsFor(text, RULE).map(at)).toEqual([[6, 10, 6, 14]]);
  });

  it.each([
    ['app', true],
    ['app.kubernetes.io/name', true],
    ['A_b.C-9', true],
    ['x'.repeat(63), true],
    ['x'.repeat(64), false],
    [`${'p'.repeat(253)}/name`, true],
    [`${'p'.repeat(254)}/name`, false],
    ['a/b/c', false],
    ['/name', false],
    ['prefix/', false],
    ['UPPER.example.com/name', false],
    ['-app', false],
    ['app_', false],
    ['', false],
  ])('qualified name %s → %s', (key, valid) => {
    expect(isQualifiedName(key).length === 0).toBe(valid);
  });

  it.each([
    ['', true],
    ['v1.2.3', true],
    ['A_b', true],
    ['v'.repeat(63), true],
    ['v'.repeat(64), false],
    ['_', false],
    ['a-', false],
    ['1.2.3+build', false],
    ['with space', false],
  ])('label value %j → %s', (value, valid) => {
    expect(isValidLabelValue(value).length === 0).toBe(valid);
  });
});
