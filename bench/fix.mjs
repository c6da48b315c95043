// In-process figures for `POST /v1/manifests/fix` / `podwire validate --fix` on the 1,000-object
// bundle: fixing it against validating it, in the same process and run. Two bundles: the clean one
// (nothing to fix: fixing must cost one validation) and the same with a defect that has a safe fix
// in every Deployment and Service (500 containers allowing privilege escalation, 250 targetPort
// typos): applying 750 fixes and validating the result again. Prints one JSON line.
import { performance } from 'node:perf_hooks';
import { largeBundle } from './bundle.mjs';
import { spread as median } from './timing.mjs';

const RUNS = Number(process.env.BENCH_INPROCESS_RUNS ?? 7);
const { validateManifest } = await import('../dist/validation/engine/validate.js');
const { fixBundle } = await import('../dist/validation/fixing/fix-bundle.js');

const clean = largeBundle(1000);
const defective = clean
  .replaceAll('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true')
  .replaceAll('targetPort: http\n', 'targetPort: htpp\n');

const validate = (text) => validateManifest(text);
const fix = (text) =>
  fixBundle([{ content: text }], async (sources) => validateManifest(sources[0].content), 'safe');

async function compare(text) {
  // Warm-up: JIT, lazy schema load, caches.
  for (let i = 0; i < 2; i++) {
    validate(text);
    await fix(text);
  }
  const validations = [];
  const fixes = [];
  let outcome;
  // Interleaved, so a slow moment on the shared machine hits both alike.
  for (let i = 0; i < RUNS; i++) {
    let start = performance.now();
    const result = validate(text);
    validations.push(performance.now() - start);
    start = performance.now();
    outcome = await fix(text);
    fixes.push(performance.now() - start);
    void result;
  }
  const v = median(validations);
  const f = median(fixes);
  return {
    validateMs: v,
    fixMs: f,
    fixOverValidate: f.median / v.median,
    findingsBefore: validate(text).findings.length,
    applied: outcome.applied.length,
    skipped: outcome.skipped.length,
    validationsPerFix: outcome.validations,
    findingsAfter: outcome.result.findings.length,
  };
}

const out = { runs: RUNS, clean: await compare(clean), defective: await compare(defective) };
process.stdout.write(JSON.stringify(out) + '\n');
