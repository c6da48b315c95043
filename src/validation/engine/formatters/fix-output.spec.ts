import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import type { Finding, ValidationResult } from '../result.js';
import { validateFiles, validateManifest } from '../validate.js';
import { formatMarkdown } from './markdown.formatter.js';
import { formatSarif } from './sarif.formatter.js';

/** DESIGN §11 in the output formats: SARIF `fixes`, markdown diffs. */
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;
const schema = JSON.parse(
  readFileSync(
    new URL('../../../../test/fixtures/sarif-schema-2.1.0.json', import.meta.url),
    'utf8',
  ),
);
const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web',
  'spec:',
  '  containers:',
  '    - name: app',
  '      image: registry.example.com/web:1.4.2',
  '      securityContext:',
  '        allowPrivilegeEscalation: true # old chart',
  '',
].join('\n');
const SERVICE =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n      targetPort: htpp\n';

/** Two files; a replacement in one, a suggestion that inserts into both. */
function synthetic(): ValidationResult {
  const base = validateFiles([
    { filename: 'k8s/pod.yaml', content: POD },
    { filename: 'k8s/svc.yaml', content: SERVICE },
  ]);
  const range = { line: 8, column: 19, endLine: 8, endColumn: 23 };
  const typo: Finding = {
    ruleId: 'service/target-port-unresolved',
    severity: 'error',
    message: 'targetPort "htpp" names no port',
    object: {
      filename: 'k8s/svc.yaml',
      documentIndex: 0,
      apiVersion: 'v1',
      kind: 'Service',
      name: 'web',
    },
    path: '/spec/ports/0/targetPort',
    range,
    fix: {
      description: 'Use targetPort "http"',
      safety: 'safe',
      edits: [{ filename: 'k8s/svc.yaml', range, newText: 'http' }],
    },
  };
  const insert = { line: 4, column: 12, endLine: 4, endColumn: 12 };
  const both: Finding = {
    ...typo,
    ruleId: 'service/selector-no-match',
    fix: {
      description: 'Label both',
      safety: 'suggestion',
      edits: [
        { filename: 'k8s/svc.yaml', range: insert, newText: ' # web' },
        { filename: 'k8s/pod.yaml', range: insert, newText: ' # web' },
      ],
    },
  };
  return { ...base, findings: [typo, both, ...base.findings] };
}

describe('SARIF fixes', () => {
  const sarifOf = (result: ValidationResult, files?: string[]) =>
    formatSarif(result, {
      filename: 'manifest.yaml',
      files,
      rules,
      toolVersion: '0.1.0',
      informationUri: 'https://podwire.dev',
    });

  it('carries each fix as artifactChanges / replacements, valid against the SARIF 2.1.0 schema', () => {
    const sarif = sarifOf(synthetic(), ['k8s/pod.yaml', 'k8s/svc.yaml']);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    validate(sarif);
    expect(ajv.errorsText(validate.errors)).toBe('No errors');
    const [typo, both] = sarif.runs[0].results;
    expect(typo.fixes).toEqual([
      {
        description: { text: 'Use targetPort "http"' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'k8s/svc.yaml', index: 1 },
            replacements: [
              {
                deletedRegion: { startLine: 8, startColumn: 19, endLine: 8, endColumn: 23 },
                insertedContent: { text: 'http' },
              },
            ],
          },
        ],
      },
    ]);
    expect(both.fixes?.[0].description.text).toBe('Label both (suggestion: may change behaviour)');
    expect(both.fixes?.[0].artifactChanges.map((c) => c.artifactLocation.index)).toEqual([1, 0]);
    // An insertion is an empty region.
    expect(both.fixes?.[0].artifactChanges[0].replacements[0].deletedRegion).toEqual({
      startLine: 4,
      startColumn: 12,
      endLine: 4,
      endColumn: 12,
    });
  });

  it('a finding without a fix has no fixes; a real rule fix is schema-valid too', () => {
    // An image without a tag has no mechanical fix: which tag is the user's to say.
    const result = validateManifest(POD.replace('web:1.4.2', 'web'));
    expect(result.findings.some((f) => f.fix === undefined)).toBe(true);
    const sarif = sarifOf(result);
    const results = sarif.runs[0].results;
    const fixed = results.filter((r) => r.fixes !== undefined).map((r) => r.ruleId);
    expect(fixed).toEqual(result.findings.filter((f) => f.fix).map((f) => f.ruleId));
    expect(fixed).toContain('container/privilege-escalation');
    results.forEach((r, i) =>
      expect(r.fixes !== undefined).toBe(result.findings[i].fix !== undefined),
    );
    expect(new Ajv({ strict: false }).validate(schema, sarif)).toBe(true);
  });
});

describe('markdown suggested changes', () => {
  it('shows a real rule fix as a diff of the submitted text, the comment kept', () => {
    const result = validateManifest(POD);
    const text = formatMarkdown(result, 'pod.yaml', undefined, [{ content: POD }]);
    const section = text.slice(text.indexOf('**Suggested changes**'));
    expect(section).toContain('`container/privilege-escalation` at 10:35 — ');
    expect(section).toContain(
      [
        '```diff',
        '@@ -9,2 +9,2 @@',
        '       securityContext:',
        '-        allowPrivilegeEscalation: true # old chart',
        '+        allowPrivilegeEscalation: false # old chart',
        '```',
      ].join('\n'),
    );
  });

  it('multi-file fixes name their files; without sources the added text is shown', () => {
    const result = synthetic();
    const sources = [
      { filename: 'k8s/pod.yaml', content: POD },
      { filename: 'k8s/svc.yaml', content: SERVICE },
    ];
    const text = formatMarkdown(result, 'x', ['k8s/pod.yaml', 'k8s/svc.yaml'], sources);
    expect(text).toContain(
      '`service/target-port-unresolved` at k8s/svc.yaml:8:19 — Use targetPort "http" (safe)',
    );
    expect(text).toContain('-      targetPort: htpp\n+      targetPort: http\n');
    expect(text).toContain(
      '# k8s/svc.yaml\n@@ -3,3 +3,3 @@\n metadata:\n-  name: web\n+  name: web # web\n spec:\n# k8s/pod.yaml\n',
    );
    const bare = formatMarkdown(result, 'x', ['k8s/pod.yaml', 'k8s/svc.yaml']);
    expect(bare).toContain('```diff\n@@ 8:19 @@\n+http\n```');
  });

  it('a fix containing backticks cannot close its block; no fix, no section', () => {
    const result = synthetic();
    result.findings[0].fix!.edits[0].newText = 'a```b';
    const text = formatMarkdown(result, 'x', ['k8s/pod.yaml', 'k8s/svc.yaml']);
    expect(text).toContain('````diff\n@@ 8:19 @@\n+a```b\n````');
    const clean = formatMarkdown(
      validateManifest('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n'),
      'a.yaml',
    );
    expect(clean).not.toContain('Suggested changes');
  });
});
