import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_FIXTURE, appCopy, runCli } from './run-cli.js';

const FILES = ['configmap.yaml', 'deployment.yaml', 'networkpolicy.yaml', 'service.yaml'];
const original = (name: string) => readFileSync(join(APP_FIXTURE, name), 'utf8');
/** The app container may gain privileges (a warning with a safe fix); the proxy's stays false. */
const escalating = (text: string) => {
  const at = text.lastIndexOf('allowPrivilegeEscalation: false');
  return `${text.slice(0, at)}allowPrivilegeEscalation: true${text.slice(at + 31)}`;
};

describe('podwire validate --fix', () => {
  it('rewrites only the files that change; the report and exit status are about what remains', async () => {
    const dir = appCopy({ 'deployment.yaml': escalating });
    const before = Object.fromEntries(FILES.map((f) => [f, statSync(join(dir, f)).mtimeMs]));
    expect((await runCli(['validate', '--fail-on', 'warning', dir])).code).toBe(1);
    const run = await runCli([
      'validate',
      '--fix',
      '--fail-on',
      'warning',
      '--format',
      'json',
      dir,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'podwire: applied 1 fix(es) to 1 file(s); 0 error(s), 0 warning(s), 0 info(s) remain\n',
    );
    expect(JSON.parse(run.stdout).findings).toEqual([]);
    // The fix restores the fixture byte for byte: nothing outside the edit moved.
    expect(readFileSync(join(dir, 'deployment.yaml'), 'utf8')).toBe(original('deployment.yaml'));
    for (const file of FILES.filter((f) => f !== 'deployment.yaml')) {
      expect(statSync(join(dir, file)).mtimeMs).toBe(before[file]);
      expect(readFileSync(join(dir, file), 'utf8')).toBe(original(file));
    }
  });

  it('nothing to fix: no file is written and the exit status is the findings’', async () => {
    const dir = appCopy({ 'deployment.yaml': (t) => t.replace('replicas: 2', 'replicas: "two"') });
    const mtime = statSync(join(dir, 'deployment.yaml')).mtimeMs;
    const run = await runCli(['validate', '--fix', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error schema/invalid-type');
    expect(statSync(join(dir, 'deployment.yaml')).mtimeMs).toBe(mtime);
  });
});

describe('podwire validate --fix-dry-run', () => {
  it('prints a unified diff that git apply applies, and touches no file', async () => {
    const dir = appCopy({ 'deployment.yaml': escalating });
    const broken = readFileSync(join(dir, 'deployment.yaml'), 'utf8');
    const run = await runCli(['validate', '--fix-dry-run', '--fail-on', 'warning', '.'], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      '--- a/deployment.yaml',
      '+++ b/deployment.yaml',
      expect.stringMatching(/^@@ -\d+,7 \+\d+,7 @@$/),
    ]);
    expect(run.stdout).toContain(
      '\n-            allowPrivilegeEscalation: true\n+            allowPrivilegeEscalation: false\n',
    );
    expect(run.stderr).toBe(
      'podwire: 1 fix(es) would change 1 file(s); 0 error(s), 0 warning(s), 0 info(s) would remain\n',
    );
    expect(readFileSync(join(dir, 'deployment.yaml'), 'utf8')).toBe(broken);
    execFileSync('git', ['apply', '-'], { cwd: dir, input: run.stdout });
    expect(readFileSync(join(dir, 'deployment.yaml'), 'utf8')).toBe(original('deployment.yaml'));
  });

  it('reads stdin too, and prints nothing when there is nothing to fix', async () => {
    const run = await runCli(['validate', '--fix-dry-run', '--stdin-filename', 'k8s/d.yaml', '-'], {
      stdin: escalating(original('deployment.yaml')),
    });
    expect(run.stdout.split('\n').slice(0, 2)).toEqual(['--- a/k8s/d.yaml', '+++ b/k8s/d.yaml']);
    const clean = await runCli(['validate', '--fix-dry-run', APP_FIXTURE]);
    expect([clean.code, clean.stdout]).toEqual([0, '']);
  });

  it('refuses contradictory or incomplete fix options with exit 2', async () => {
    for (const args of [
      ['--fix', '--fix-dry-run', APP_FIXTURE],
      ['--fix', '-'],
      ['--apply', 'all', APP_FIXTURE],
      ['--fix-dry-run', '--apply', 'some', APP_FIXTURE],
    ]) {
      const run = await runCli(['validate', ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--fix|--apply/);
    }
  });
});
