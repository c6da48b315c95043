import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { validateManifest } from '../validate.js';
import { formatMarkdown } from './markdown.formatter.js';
import { formatSarif } from './sarif.formatter.js';
import { formatText } from './text.formatter.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;
const schema = JSON.parse(
  readFileSync(
    new URL('../../../../test/fixtures/sarif-schema-2.1.0.json', import.meta.url),
    'utf8',
  ),
);

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
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
          image: nginx
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web
  namespace: shop
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web
  namespace: shop
  labels: {a: b|c}
`;

describe('SARIF formatter', () => {
  const result = validateManifest(MANIFEST);
  const sarif = formatSarif(result, {
    filename: 'deploy/shop app.yaml',
    rules,
    toolVersion: '0.1.0',
    informationUri: 'https://podwire.dev',
  });

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(sarif);
    expect(ajv.errorsText(validate.errors)).toBe('No errors');
    expect(valid).toBe(true);
  });

  it('rejects a broken log (the schema check has teeth)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const broken = structuredClone(sarif) as {
      runs: Array<{
        results: Array<{
          locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
        }>;
      }>;
    };
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(ajv.validate(schema, broken)).toBe(false);
  });

  it('lists every rule with help text and maps results to them by index', () => {
    const driver = sarif.runs[0].tool.driver;
    expect(driver.rules.map((rule) => rule.id)).toEqual(rules.map((rule) => rule.id));
    for (const rule of driver.rules) expect(rule.help.text.length).toBeGreaterThan(0);
    for (const r of sarif.runs[0].results)
      expect(driver.rules[r.ruleIndex as number].id).toBe(r.ruleId);
  });

  it('carries real regions, levels and related locations', () => {
    const results = sarif.runs[0].results;
    expect(results).toHaveLength(result.findings.length);
    const invalidType = results.find((r) => r.ruleId === 'schema/invalid-type');
    expect(invalidType?.level).toBe('error');
    expect(invalidType?.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'deploy/shop%20app.yaml', index: 0 },
      region: { startLine: 7, startColumn: 13, endLine: 7, endColumn: 16 },
    });
    const duplicate = results.find((r) => r.ruleId === 'manifest/duplicate-object');
    expect(duplicate?.relatedLocations?.[0].physicalLocation.region.startLine).toBe(21);
    const levels = new Set(results.map((r) => r.level));
    expect([...levels].every((level) => ['error', 'warning', 'note'].includes(level))).toBe(true);
  });
});

describe('text formatter', () => {
  it('writes one file:line:column: severity ruleId message line per finding, in finding order', () => {
    const result = validateManifest(MANIFEST);
    const lines = formatText(result, 'deploy/shop.yaml').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(result.findings.length);
    lines.forEach((line, i) => {
      const f = result.findings[i];
      expect(line).toBe(
        `deploy/shop.yaml:${f.range.line}:${f.range.column}: ${f.severity} ${f.ruleId} ${f.message.replace(/\s*\n\s*/g, ' ')}`,
      );
    });
  });
});

describe('markdown formatter', () => {
  it('shows the verdict, the counts and escapes table cells', () => {
    const md = formatMarkdown(validateManifest(MANIFEST), 'deploy.yaml');
    expect(md).toMatch(/^### podwire: `deploy.yaml` is ❌ invalid\n/);
    expect(md).toContain('| error | `schema/invalid-type` | 7:13 Deployment/shop/web |');
    expect(
      md
        .split('\n')
        .filter((line) => line.startsWith('| ') && !line.startsWith('| Severity'))
        .every((line) => line.split(/(?<!\\)\|/).length === 6),
    ).toBe(true);
  });

  it('counts the findings the result left out among those not shown', () => {
    const result = validateManifest(MANIFEST);
    const md = formatMarkdown({ ...result, truncated: { findings: 7, reason: 'cut' } }, 'd.yaml');
    const shown = Math.min(result.findings.length, 50);
    expect(md).toContain(`… and ${result.findings.length - shown + 7} more finding(s).`);
  });
});
