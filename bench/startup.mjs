// Start-up time (spawn → first 200 from /livez) and idle RSS of this tree and of a base commit,
// measured side by side in one run so that the ratios hold whatever the machine is doing.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spread as median } from './timing.mjs';

const ROOT = resolve(new URL('..', import.meta.url).pathname);

/**
 * A git worktree of `commit` at `dir`, sharing this tree's node_modules, built with `nest build`.
 * Reused when it is already there at that commit.
 */
export function prepareBase(commit, dir) {
  const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  const want = git('rev-parse', commit);
  if (!existsSync(dir)) git('worktree', 'add', '--detach', dir, want);
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
  if (head !== want) throw new Error(`${dir} is at ${head}, not ${want}; remove it and rerun`);
  if (!existsSync(join(dir, 'node_modules'))) {
    symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(dir, 'node_modules'));
  }
  process.stderr.write(`bench: building ${commit} in ${dir} …\n`);
  execFileSync(join(dir, 'node_modules', '.bin', 'nest'), ['build'], { cwd: dir, stdio: 'ignore' });
  return dir;
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

/** One start: ms from spawn to the first 200 from /livez, then RSS after `idleMs` of nothing. */
async function startOnce(dir, port, idleMs) {
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    let startupMs;
    for (let i = 0; i < 3000 && startupMs === undefined; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/livez`)).ok)
          startupMs = performance.now() - started;
      } catch {
        await sleep(5);
      }
    }
    if (startupMs === undefined) throw new Error(`${dir}: server did not start`);
    await sleep(idleMs);
    return { startupMs, idleRssMb: rssMb(child.pid) };
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }
}

/** Alternates the two trees `runs` times each; medians and this/base ratios. */
export async function compareStartup({ baseDir, port, runs = 5, idleMs = 3000 }) {
  const samples = { current: [], base: [] };
  for (let i = 0; i < runs; i++) {
    for (const [name, dir] of [
      ['current', ROOT],
      ['base', baseDir],
    ]) {
      samples[name].push(await startOnce(dir, port, idleMs));
    }
  }
  const summary = (list) => ({
    startupMs: median(list.map((s) => s.startupMs)),
    idleRssMb: median(list.map((s) => s.idleRssMb)),
  });
  const current = summary(samples.current);
  const base = summary(samples.base);
  return {
    runs,
    idleMs,
    current,
    base,
    startupRatio: current.startupMs.median / base.startupMs.median,
    idleRssRatio: current.idleRssMb.median / base.idleRssMb.median,
  };
}
