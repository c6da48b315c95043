// In-process figures for `POST /v1/manifests/fix` / `podwire validate --fix` on the 1,000-object
// bundle: fixing it against validating it, in the same process and run. Three bundles: the clean
// one (nothing to fix: fixing must cost one validation), a sparse one (defects with a safe fix in
// every tenth group: 25 Deployments with both containers allowing privilege escalation and 25
// Services with a targetPort typo, 50 objects, 5 %), and a dense one (every Deployment and Service:
// 500 containers, 250 Services, 750 fixes). Each fix is timed as the endpoint and the command line
// run it (fixWithMemo: every round shares one chunk memo) and, for comparison, as before it
// (fixBundle validating every round from scratch). Prints one JSON line.
import { performance } from 'node:perf_hooks';
import { largeBundle } from './bundle.mjs';
import { spread } from './timing.mjs';

const RUNS = Number(process.env.BENCH_INPROCESS_RUNS ?? 7);
const { validateManifest } = await import('../dist/validation/engine/validate.js');
const { fixBundle } = await import('../dist/validation/fixing/fix-bundle.js');
const { fixWithMemo } = await import('../dist/validation/fixing/fix-run.js');

const defects = (text) =>
  text
    .replaceAll('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true')
    .replaceAll('targetPort: http\n', 'targetPort: htpp\n');
const clean = largeBundle(1000);
const dense = defects(clean);
// Documents come in groups of four (Deployment, Service, ConfigMap, NetworkPolicy).
const sparse = clean
  .split('---\n')
  .map((doc, i) => (Math.floor(i / 4) % 10 === 0 ? defects(doc) : doc))
  .join('---\n');

const validate = (text) => validateManifest(text);
const fix = (text) => fixWithMemo([{ content: text }], true, {}, 'safe');
const fixFromScratch = (text) =>
  fixBundle([{ content: text }], async (sources) => validateManifest(sources[0].content), 'safe');

async function compare(text) {
  // Warm-up: JIT, lazy schema load, caches.
  for (let i = 0; i < 2; i++) {
    validate(text);
    await fix(text);
    await fixFromScratch(text);
  }
  const validations = [];
  const fixes = [];
  const scratch = [];
  let outcome;
  // Interleaved, so a slow moment on the shared machine hits all alike; with --expose-gc (as
  // run.mjs runs this), a collection before each, so none pays for the garbage of the one before.
  const settle = () => globalThis.gc?.();
  for (let i = 0; i < RUNS; i++) {
    settle();
    let start = performance.now();
    validate(text);
    validations.push(performance.now() - start);
    settle();
    start = performance.now();
    outcome = await fix(text);
    fixes.push(performance.now() - start);
    settle();
    start = performance.now();
    await fixFromScratch(text);
    scratch.push(performance.now() - start);
  }
  const v = spread(validations);
  const f = spread(fixes);
  const s = spread(scratch);
  return {
    validateMs: v,
    fixMs: f,
    fixFromScratchMs: s,
    fixOverValidate: f.median / v.median,
    fixFromScratchOverValidate: s.median / v.median,
    findingsBefore: validate(text).findings.length,
    applied: outcome.applied.length,
    skipped: outcome.skipped.length,
    validationsPerFix: outcome.validations,
    findingsAfter: outcome.result.findings.length,
  };
}

const out = {
  runs: RUNS,
  clean: await compare(clean),
  sparse: await compare(sparse),
  dense: await compare(dense),
};
process.stdout.write(JSON.stringify(out) + '\n');
