import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { appCopy, runCli } from './run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
};

describe('the podwire bin', () => {
  it('package.json names bin/podwire.js, which runs what `npm run build` emits for src/cli/main.ts', () => {
    expect(pkg.bin.podwire).toBe('bin/podwire.js');
    const bin = read(pkg.bin.podwire);
    expect(bin.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(bin).toMatch(/import '\.\.\/dist\/cli\/main\.js';/);
    // nest build compiles src/ (rootDir) into dist/: src/cli/main.ts → dist/cli/main.js.
    const build = JSON.parse(read('tsconfig.build.json')) as {
      compilerOptions: { rootDir: string; outDir: string };
    };
    expect(build.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
    expect(existsSync(join(ROOT, 'src/cli/main.ts'))).toBe(true);
    // A packed install (npm install -g from git, pre-commit) builds first and ships dist/.
    expect(pkg.scripts.prepack).toBe('nest build');
    expect(pkg.files).toEqual(expect.arrayContaining(['bin/', 'dist/']));
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(read('.pre-commit-hooks.yaml')) as Array<Record<string, unknown>>;
  const hook = hooks.find((h) => h.id === 'podwire-validate');

  it('defines podwire-validate, a node hook running our bin over manifests, all files in one run', () => {
    expect(hook).toBeDefined();
    expect(hook).toMatchObject({ language: 'node', require_serial: true });
    const [command, subcommand] = String(hook!.entry).split(' ');
    expect(Object.keys(pkg.bin)).toContain(command);
    expect(subcommand).toBe('validate');
    const files = new RegExp(String(hook!.files));
    for (const name of ['deploy/app.yaml', 'svc.yml', 'list.json']) expect(name).toMatch(files);
    for (const name of ['README.md', 'main.ts']) expect(name).not.toMatch(files);
    const exclude = new RegExp(String(hook!.exclude));
    expect('.podwire.yaml').toMatch(exclude);
    expect('deploy/app.yaml').not.toMatch(exclude);
  });

  it('the entry, given staged filenames the way pre-commit passes them, validates them as one bundle', async () => {
    const dir = appCopy();
    const args = String(hook!.entry).split(' ').slice(1);
    const staged = ['configmap.yaml', 'deployment.yaml', 'networkpolicy.yaml', 'service.yaml'];
    const run = await runCli([...args, ...staged], { cwd: dir });
    expect(run.stdout).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('examples/github-actions/podwire.yml', () => {
  const workflow = parse(read('examples/github-actions/podwire.yml')) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, { steps: Array<Record<string, unknown>> }>;
  };
  const steps = Object.values(workflow.jobs)[0].steps;

  it('runs the CLI with SARIF output and uploads that file with upload-sarif, even when validation fails', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(workflow.permissions['security-events']).toBe('write');
    const uses = steps.map((s) => s.uses).filter(Boolean) as string[];
    expect(uses[0]).toMatch(/^actions\/checkout@/);
    expect(uses).toEqual(expect.arrayContaining([expect.stringMatching(/^actions\/setup-node@/)]));
    const validate = steps.findIndex((s) => /\bpodwire validate\b/.test(String(s.run ?? '')));
    const upload = steps.findIndex((s) =>
      String(s.uses ?? '').startsWith('github/codeql-action/upload-sarif@'),
    );
    expect(validate).toBeGreaterThan(0);
    expect(upload).toBeGreaterThan(validate);
    const command = String(steps[validate].run);
    expect(command).toContain('--format sarif');
    const output = /--output (\S+)/.exec(command)?.[1];
    expect(output).toBeDefined();
    expect((steps[upload].with as Record<string, string>).sarif_file).toBe(output);
    // The validate step exits 1 on findings; the report must still reach code scanning.
    expect(String(steps[upload].if)).toMatch(/always\(\)|!cancelled\(\)/);
  });

  it('is an example, not a workflow of this repository (it would run on GitHub)', () => {
    expect(existsSync(join(ROOT, '.github/workflows/podwire.yml'))).toBe(false);
  });
});
