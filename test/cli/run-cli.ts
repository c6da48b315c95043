import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REGISTER = join(ROOT, 'test/helpers/swc-register.mjs');
const MAIN = join(ROOT, 'src/cli/main.ts');
export const APP_FIXTURE = join(ROOT, 'test/fixtures/cli-app');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `podwire …` from the TypeScript sources as a real child process (piped: no TTY). */
export function runCli(args: string[], options: { cwd?: string; stdin?: string } = {}) {
  return new Promise<CliRun>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', REGISTER, MAIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** A scratch copy of the four-file app, optionally with files changed or added. */
export function appCopy(changes: Record<string, string | ((text: string) => string)> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'podwire-cli-'));
  cpSync(APP_FIXTURE, dir, { recursive: true });
  for (const [name, change] of Object.entries(changes)) {
    const path = join(dir, name);
    const next = typeof change === 'string' ? change : change(readFileSync(path, 'utf8'));
    writeFileSync(path, next);
  }
  return dir;
}
