import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits.js';
import { validateFiles, validateManifest } from './validate.js';

const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - {name: http, port: 80, targetPort: http}
`;
const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - {name: http, containerPort: 8080}
`;

const ids = (findings: Array<{ ruleId: string }>) => findings.map((f) => f.ruleId);

describe('validateFiles', () => {
  it('resolves references across files and gives each finding its file and its own lines', () => {
    const broken = service.replace('targetPort: http', 'targetPort: https');
    const result = validateFiles([
      { filename: 'deploy.yaml', content: deployment },
      { filename: 'svc.yaml', content: broken },
    ]);
    const finding = result.findings.find((f) => f.ruleId === 'service/target-port-unresolved');
    expect(finding?.object).toMatchObject({
      filename: 'svc.yaml',
      documentIndex: 0,
      kind: 'Service',
    });
    expect(finding?.range.line).toBe(8);
    for (const related of finding?.related ?? []) {
      expect(related.object.filename).toBe('deploy.yaml');
    }
    expect(result.objects.map((o) => [o.filename, o.kind, o.line])).toEqual([
      ['deploy.yaml', 'Deployment', 1],
      ['svc.yaml', 'Service', 1],
    ]);
    // The same text as one manifest: the same findings, at concatenated lines, without filenames.
    const single = validateManifest(`${deployment}---\n${broken}`);
    expect(ids(single.findings)).toEqual(ids(result.findings));
    const offset = deployment.split('\n').length;
    expect(single.findings.find((f) => f.ruleId === finding?.ruleId)?.range.line).toBe(8 + offset);
  });

  it('sorts findings in file order', () => {
    const result = validateFiles([
      { filename: 'b.yaml', content: 'x: [\n' },
      { filename: 'a.yaml', content: 'y: [\n' },
    ]);
    expect(result.findings.map((f) => f.object.filename)).toEqual(['b.yaml', 'a.yaml']);
  });

  it('applies the document limit to all files together', () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n';
    const half = Array.from({ length: LIMITS.documents / 2 + 1 }, () => doc).join('---\n');
    expect(() =>
      validateFiles([
        { filename: 'a.yaml', content: half },
        { filename: 'b.yaml', content: half },
      ]),
    ).toThrow(/documents/);
  });

  it('applies severity overrides, also to parse findings', () => {
    const result = validateFiles([{ filename: 'a.yaml', content: 'a: 1\na: 2\n' }], {
      severity: { 'yaml/duplicate-key': 'info', 'manifest/missing-type': 'warning' },
    });
    const severities = new Map(result.findings.map((f) => [f.ruleId, f.severity]));
    expect([...severities]).toEqual([
      ['manifest/missing-type', 'warning'],
      ['yaml/duplicate-key', 'info'],
    ]);
    expect(result.valid).toBe(true);
    expect(() => validateFiles([], { severity: { 'no/such': 'info' } })).toThrow(/severity/);
  });

  it('refuses unsafe and duplicate filenames, naming the file', () => {
    expect(() => validateFiles([{ filename: 'a/../../b.yaml', content: '' }])).toThrow(
      /files\[0\]\.filename.*"\.\."/,
    );
    expect(() =>
      validateFiles([
        { filename: 'a.yaml', content: '' },
        { filename: './a.yaml', content: '' },
      ]),
    ).toThrow(/files\[1\]\.filename/);
  });
});
