import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../src/validation/engine/validate.js';
import { rules } from '../src/validation/rules/index.js';

/**
 * kubeconform's own fixtures (copied with its licence into test/fixtures/conformance/kubeconform,
 * from ../shared/conformance/kubeconform) must get the same verdict from podwire.
 *
 * The reference mode is `kubeconform -strict -ignore-missing-schemas`: strict because podwire
 * rejects unknown fields and duplicate keys like `kubectl --validate=strict`, and
 * ignore-missing-schemas because podwire reports kinds without a schema (custom resources) as
 * `manifest/unknown-kind` info by design (DESIGN §5). kubeconform only checks schema conformance,
 * so podwire is compared on the same ground: the yaml/, manifest/ and schema/ rules (the semantic
 * rules, e.g. a Service selecting no pod of the bundle, are outside what kubeconform judges).
 * One deliberate difference: a request with no object at all (blank, only comments, an empty
 * List) is valid for kubeconform but `manifest/empty` for podwire (DESIGN §5), so a CI job whose
 * glob matched nothing does not pass; those fixtures are checked for exactly that finding.
 * Verdicts come from EXPECTED.md (kubeconform's acceptance.bats); UNASSERTED files are left out.
 */
const DIR = join(import.meta.dirname, 'fixtures', 'conformance', 'kubeconform');
const SCHEMA_SCOPES = ['yaml/', 'manifest/', 'schema/'];
const disable = rules
  .map((rule) => rule.id)
  .filter((id) => !SCHEMA_SCOPES.some((scope) => id.startsWith(scope)));

const EXPECTED: ReadonlyArray<[file: string, valid: boolean, why: string]> = [
  ['valid.yaml', true, 'ReplicationController bob'],
  ['valid.json', true, 'JSON input'],
  ['folder/valid.yaml', true, 'folder run: 7 valid'],
  ['folder/multi_valid.yaml', true, 'folder run: 7 valid'],
  ['int_or_string.yaml', true, 'int-or-string ports'],
  ['generate_name.yaml', true, 'generateName instead of name'],
  ['quantity.yaml', true, 'string and integer quantities'],
  ['null_string.yaml', true, 'null values'],
  ['multi_valid.yaml', true, 'multi-document with empty documents'],
  ['list_valid.yaml', true, 'kind: List with 6 items'],
  ['multi_with_list.yaml', true, 'a resource and a List'],
  ['test_crd.yaml', true, 'custom resource, -ignore-missing-schemas'],
  ['crd_schema.yaml', true, 'CustomResourceDefinition, -ignore-missing-schemas'],
  ['httpproxy.yaml', true, 'custom resource, -ignore-missing-schemas'],
  ['grafana-alert-rule-group-sample.yaml', true, 'custom resource, -ignore-missing-schemas'],
  ['multi_invalid.yaml', false, 'port: sds'],
  ['invalid.yaml', false, 'replicas: "asd" and unknown spec.templates'],
  ['list_invalid.yaml', false, 'List item with string replicas'],
  ['missing_kind.yaml', false, "missing 'kind' key"],
  ['missing_kind_value.yaml', false, "missing 'kind' key (empty value)"],
  ['missing_apiversion.yaml', false, "missing 'apiVersion' key"],
  ['extra_property.yaml', false, 'DaemonSet spec.replicas (strict)'],
  ['duplicate_property.yaml', false, 'containers: twice (strict)'],
];

describe('conformance with kubeconform -strict -ignore-missing-schemas', () => {
  it.each(EXPECTED)('%s → valid: %s (%s)', (file, valid) => {
    const result = validateManifest(readFileSync(join(DIR, file), 'utf8'), {
      filename: file,
      disable,
      scope: 'partial',
    });
    const errors = result.findings
      .filter((f) => f.severity === 'error')
      .map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
    expect({ valid: result.valid, errors: valid ? errors : [] }).toEqual({ valid, errors: [] });
  });

  it.each(['list_empty_valid.yaml', 'blank.yaml', 'comment.yaml'])(
    '%s → manifest/empty, its only error (deliberate difference)',
    (file) => {
      const result = validateManifest(readFileSync(join(DIR, file), 'utf8'), { disable });
      expect(result.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual([
        'manifest/empty',
      ]);
    },
  );

  it('reports the documented reasons for the invalid fixtures', () => {
    const ids = (file: string) =>
      validateManifest(readFileSync(join(DIR, file), 'utf8'), { disable })
        .findings.filter((f) => f.severity === 'error')
        .map((f) => `${f.ruleId} ${f.path}`);
    expect(ids('invalid.yaml')).toEqual(
      expect.arrayContaining([
        'schema/invalid-type /spec/replicas',
        'schema/unknown-field /spec/templates',
      ]),
    );
    expect(ids('missing_kind.yaml')).toContain('manifest/missing-type /kind');
    expect(ids('missing_apiversion.yaml')).toContain('manifest/missing-type /apiVersion');
    expect(ids('extra_property.yaml')).toEqual(['schema/unknown-field /spec/replicas']);
    expect(ids('duplicate_property.yaml')).toContain(
      'yaml/duplicate-key /spec/template/spec/containers',
    );
  });
});
