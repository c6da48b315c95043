import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { APP_FIXTURE, appCopy, runCli } from './run-cli.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;
const FILES = ['configmap.yaml', 'deployment.yaml', 'networkpolicy.yaml', 'service.yaml'];
/** The Service names a targetPort no container of the Deployment (another file) has. */
const brokenService = (text: string) => text.replace('targetPort: http\n', 'targetPort: htp\n');
const SERVICE_LINE = 20;
const SERVICE_COLUMN = 19;

interface JsonFinding {
  ruleId: string;
  severity: string;
  object: { filename?: string };
  range: { line: number; column: number };
}

describe('podwire validate: exit codes', () => {
  const clean = APP_FIXTURE;
  // Without its NetworkPolicy the app's pods are not isolated: a warning, no error.
  const warning = appCopy();
  rmSync(join(warning, 'networkpolicy.yaml'));
  const error = appCopy({ 'service.yaml': brokenService });
  const expected: Record<string, Record<string, number>> = {
    clean: { error: 0, warning: 0, never: 0 },
    warning: { error: 0, warning: 1, never: 0 },
    error: { error: 1, warning: 1, never: 0 },
  };
  const dirs: Record<string, string> = { clean, warning, error };
  for (const [input, codes] of Object.entries(expected)) {
    for (const [failOn, code] of Object.entries(codes)) {
      it(`${input} input with --fail-on ${failOn} exits ${code}`, async () => {
        const run = await runCli(['validate', '--fail-on', failOn, dirs[input]]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(code);
      });
    }
  }

  it('defaults to --fail-on error', async () => {
    expect((await runCli(['validate', warning])).code).toBe(0);
    expect((await runCli(['validate', error])).code).toBe(1);
  });

  it('an empty directory is not a clean pass: exit 1 with manifest/empty', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'podwire-empty-'));
    const run = await runCli(['validate', '--format', 'json', empty]);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    expect(result.findings.map((f) => f.ruleId)).toEqual(['manifest/empty']);
  });

  it('a usage error exits 2 and prints the usage', async () => {
    for (const args of [
      ['validate', '--fail-on', 'sometimes', APP_FIXTURE],
      ['validate', '--no-such-flag'],
      ['validate', '--format', 'xml', APP_FIXTURE],
      ['frobnicate'],
    ]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('Usage: podwire <command>');
      expect(run.stdout).toBe('');
    }
  });

  it('a missing path or an unknown rule id exits 2 naming it', async () => {
    const missing = await runCli(['validate', 'no/such/dir']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such/dir');
    const unknown = await runCli(['validate', '--disable', 'no/such-rule', APP_FIXTURE]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no/such-rule');
  });
});

describe('podwire validate: a four-file app with one cross-file error', () => {
  const dir = appCopy({ 'service.yaml': brokenService });

  it('text: one line, in service.yaml at the targetPort', async () => {
    const run = await runCli(['validate', '.'], { cwd: dir });
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^service\\.yaml:${SERVICE_LINE}:${SERVICE_COLUMN}: error service/target-port-unresolved `,
      ),
    );
  });

  it('json: one finding carrying its filename and per-file range; every object its file', async () => {
    const run = await runCli(['validate', '--format', 'json', '.'], { cwd: dir });
    const result = JSON.parse(run.stdout) as {
      valid: boolean;
      findings: JsonFinding[];
      objects: Array<{ kind: string; filename: string; line: number }>;
    };
    expect(result.valid).toBe(false);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      ruleId: 'service/target-port-unresolved',
      object: { filename: 'service.yaml' },
      range: { line: SERVICE_LINE, column: SERVICE_COLUMN },
    });
    expect(result.objects.map((o) => [o.kind, o.filename, o.line])).toEqual([
      ['ConfigMap', 'configmap.yaml', 1],
      ['Deployment', 'deployment.yaml', 1],
      ['NetworkPolicy', 'networkpolicy.yaml', 1],
      ['Service', 'service.yaml', 1],
    ]);
  });

  it('sarif: valid SARIF 2.1.0, one artifact per file, the result in service.yaml', async () => {
    const out = join(dir, 'out.sarif');
    const run = await runCli(['validate', '--format', 'sarif', '--output', out, ...FILES], {
      cwd: dir,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const log = JSON.parse(readFileSync(out, 'utf8')) as {
      runs: Array<{
        artifacts: Array<{ location: { uri: string } }>;
        results: Array<{
          ruleId: string;
          locations: Array<{
            physicalLocation: {
              artifactLocation: { uri: string; index: number };
              region: { startLine: number; startColumn: number };
            };
          }>;
        }>;
      }>;
    };
    const schema = JSON.parse(
      readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
    ) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const check = ajv.compile(schema);
    expect(check(log), JSON.stringify(check.errors)).toBe(true);
    const [run0] = log.runs;
    expect(run0.artifacts.map((a) => a.location.uri)).toEqual(FILES);
    expect(run0.results).toHaveLength(1);
    const { physicalLocation } = run0.results[0].locations[0];
    expect(physicalLocation.artifactLocation).toEqual({
      uri: 'service.yaml',
      index: FILES.indexOf('service.yaml'),
    });
    expect(physicalLocation.region).toMatchObject({
      startLine: SERVICE_LINE,
      startColumn: SERVICE_COLUMN,
    });
  });

  it('markdown: one row, under service.yaml, at the line', async () => {
    const run = await runCli(['validate', '--format', 'markdown', '.'], { cwd: dir });
    const lines = run.stdout.split('\n');
    const rows = lines.filter((line) => line.startsWith('| error'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(`| ${SERVICE_LINE}:${SERVICE_COLUMN} Service/web |`);
    expect(rows[0]).toContain('service/target-port-unresolved');
    const headings = lines.filter((line) => line.startsWith('#### '));
    expect(headings).toEqual(['#### `service.yaml`']);
    expect(lines.indexOf(headings[0])).toBeLessThan(lines.indexOf(rows[0]));
  });

  it('the same app concatenated on stdin: the same finding at the concatenated line', async () => {
    const texts = FILES.map((name) => readFileSync(join(dir, name), 'utf8'));
    const before = texts.slice(0, FILES.indexOf('service.yaml'));
    // Each file before service.yaml, plus one `---` line after each.
    const offset = before.reduce((sum, text) => sum + text.split('\n').length - 1 + 1, 0);
    const run = await runCli(['validate', '--stdin-filename', 'app.yaml', '-'], {
      stdin: texts.join('---\n'),
    });
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^app\\.yaml:${SERVICE_LINE + offset}:${SERVICE_COLUMN}: error service/target-port-unresolved `,
        ),
      ),
    ]);
  });
});

describe('podwire validate: .podwire.yaml', () => {
  const withConfig = (config: string) => {
    const dir = appCopy({ 'service.yaml': brokenService });
    writeFileSync(join(dir, '.podwire.yaml'), config);
    return dir;
  };

  it('is found upward from the working directory: a severity override turns the error into a warning', async () => {
    const dir = withConfig('severity:\n  service/target-port-unresolved: warning\n');
    mkdirSync(join(dir, 'sub'));
    const run = await runCli(['validate', '--format', 'json', '..'], { cwd: join(dir, 'sub') });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { valid: boolean; findings: JsonFinding[] };
    expect(result.valid).toBe(true);
    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: 'service/target-port-unresolved', severity: 'warning' }),
    ]);
    expect(
      (await runCli(['validate', '--fail-on', 'warning', '..'], { cwd: join(dir, 'sub') })).code,
    ).toBe(1);
  });

  it('disables rules', async () => {
    const dir = withConfig('disable: [service/target-port-unresolved]\n');
    const run = await runCli(['validate', '.'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('ignores paths with .gitignore-style patterns (the ignored file is not read at all)', async () => {
    const dir = withConfig('ignore:\n  - "vendor/"\n  - "*.generated.yaml"\n');
    mkdirSync(join(dir, 'vendor'));
    writeFileSync(join(dir, 'vendor', 'bad.yaml'), 'kind: [unclosed\n');
    writeFileSync(join(dir, 'x.generated.yaml'), 'kind: [unclosed\n');
    const run = await runCli(['validate', '--format', 'json', '.'], { cwd: dir });
    const result = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    expect(result.findings.map((f) => f.object.filename)).toEqual(['service.yaml']);
  });

  it('sets the scope (the flag wins over the file)', async () => {
    // Without its ConfigMap the Deployment references an object the bundle lacks.
    const dir = appCopy();
    rmSync(join(dir, 'configmap.yaml'));
    expect((await runCli(['validate', '.'], { cwd: dir })).code).toBe(1);
    writeFileSync(join(dir, '.podwire.yaml'), 'scope: partial\n');
    const partial = await runCli(['validate', '.'], { cwd: dir });
    expect(partial.code).toBe(0);
    expect(partial.stdout).toMatch(
      /^deployment\.yaml:\d+:\d+: info reference\/configmap-missing /m,
    );
    expect((await runCli(['validate', '--scope', 'complete', '.'], { cwd: dir })).code).toBe(1);
  });

  it('an unsupported Kubernetes version in the file exits 2 naming the key', async () => {
    const run = await runCli(['validate', '.'], { cwd: withConfig('kubernetesVersion: "1.0"\n') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.podwire.yaml.kubernetesVersion:');
  });

  it('--config overrides the discovered file', async () => {
    const dir = withConfig('disable: [service/target-port-unresolved]\n');
    writeFileSync(join(dir, 'strict.yaml'), 'scope: complete\n');
    const run = await runCli(['validate', '--config', 'strict.yaml', ...FILES], { cwd: dir });
    expect(run.code).toBe(1);
  });

  it('a bad config exits 2 naming the key', async () => {
    for (const [config, key] of [
      ['colour: always\n', '.podwire.yaml.colour'],
      ['disable: [no/such-rule]\n', '.podwire.yaml.disable[0]'],
      [
        'severity:\n  service/target-port-unresolved: fatal\n',
        '.podwire.yaml.severity.service/target-port-unresolved',
      ],
      ['scope: everything\n', '.podwire.yaml.scope'],
      ['ignore: vendor\n', '.podwire.yaml.ignore'],
    ]) {
      const run = await runCli(['validate', '.'], { cwd: withConfig(config) });
      expect(run.code, config).toBe(2);
      expect(run.stderr).toContain(`${key}:`);
    }
  });
});
