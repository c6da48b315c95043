// The `podwire` command line against plain `node`: wall time of `podwire validate` on one small
// file and on a directory of 100 files / 1,000 objects, next to `node -e 0` and the in-process
// validation of the same files (dist/, so run after `npm run build`). Prints one JSON line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { largeBundle, smallSidecarBundle } from './bundle.mjs';
import { spread as median } from './timing.mjs';

const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 7);
const BIN = new URL('../bin/podwire.js', import.meta.url).pathname;

/** Median wall time of a command, in ms (one unmeasured warm-up run fills the page cache). */
function wall(args) {
  const samples = [];
  for (let i = 0; i <= RUNS; i++) {
    const start = performance.now();
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    const ms = performance.now() - start;
    if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    if (i > 0) samples.push(ms);
  }
  return median(samples);
}

const dir = mkdtempSync(join(tmpdir(), 'podwire-bench-cli-'));
try {
  const small = join(dir, 'small.yaml');
  writeFileSync(small, smallSidecarBundle());
  // 1,000 objects in 100 files of 10 documents each.
  const app = join(dir, 'app');
  mkdirSync(app);
  const docs = largeBundle(1000).split(/^---\n/m);
  for (let i = 0; i < 100; i++)
    writeFileSync(
      join(app, `app-${String(i).padStart(3, '0')}.yaml`),
      docs.slice(i * 10, i * 10 + 10).join('---\n'),
    );

  const node = wall(['-e', '0']);
  const cliSmall = wall([BIN, 'validate', '--fail-on', 'never', small]);
  const cliDir = wall([BIN, 'validate', '--fail-on', 'never', '--format', 'json', app]);

  // In-process: the same 100 files through validateFiles. Cold: the first call in a fresh process
  // (what a CLI run does; module loading excluded), median of RUNS processes. Warm: median of RUNS
  // calls after a warm-up in this process (JIT done, schemas cached) — informational.
  const files = readdirSync(app)
    .sort()
    .map((name) => ({ filename: `app/${name}`, content: readFileSync(join(app, name), 'utf8') }));
  const { validateFiles } = await import('../dist/validation/engine/validate.js');
  validateFiles(files);
  const warm = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    validateFiles(files);
    warm.push(performance.now() - start);
  }
  const inProcessWarm = median(warm);
  const coldScript = `
    import { readFileSync, readdirSync } from 'node:fs';
    const { validateFiles } = await import(${JSON.stringify(new URL('../dist/validation/engine/validate.js', import.meta.url).href)});
    const files = readdirSync(${JSON.stringify(app)}).sort().map((name) => ({ filename: 'app/' + name, content: readFileSync(${JSON.stringify(app)} + '/' + name, 'utf8') }));
    const start = performance.now();
    validateFiles(files);
    process.stdout.write(String(performance.now() - start));`;
  const cold = [];
  for (let i = 0; i < RUNS; i++) {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', coldScript], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`cold in-process run failed: ${run.stderr}`);
    cold.push(Number(run.stdout));
  }
  const inProcess = median(cold);
  const result = {
    runs: RUNS,
    nodeMs: node,
    cliSmallFileMs: cliSmall,
    cliDirectoryMs: cliDir,
    inProcessDirectoryColdMs: inProcess,
    inProcessDirectoryWarmMs: inProcessWarm,
    smallOverNode: cliSmall.median / node.median,
    directoryOverInProcessPlusNode: cliDir.median / (inProcess.median + node.median),
    directoryOverWarmInProcessPlusNode: cliDir.median / (inProcessWarm.median + node.median),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
