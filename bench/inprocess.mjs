// In-process figures on the 1,000-object bundle: YAML parse alone vs podwire's full validation, and
// Monokle (@monokle/validation, offline plugins) on the same bundle. Prints one JSON line.
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { largeBundle } from './bundle.mjs';

const RUNS = Number(process.env.BENCH_INPROCESS_RUNS ?? 7);
const text = largeBundle(1000);
const { validateManifest } = await import('../dist/validation/engine/validate.js');

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)],
    min: sorted[0],
    max: sorted.at(-1),
    runs: sorted.length,
  };
}

function time(fn) {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

async function timeAsync(fn) {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

function parseOnly() {
  return parseAllDocuments(text).map((doc) => doc.toJS());
}

// Warm-up: JIT, lazy schema load, caches.
for (let i = 0; i < 3; i++) {
  parseOnly();
  validateManifest(text);
}

const parse = [];
const validate = [];
let findings = 0;
for (let i = 0; i < RUNS; i++) {
  parse.push(time(parseOnly).ms);
  const run = time(() => validateManifest(text));
  validate.push(run.ms);
  findings = run.result.findings.length;
}

// Monokle, as its README shows: resources from the YAML, then validate with the offline core plugins.
const monokle = await import('@monokle/validation');
function monokleResources() {
  const resources = [];
  const lines = text.split('\n');
  let offset = 0;
  for (const doc of parseAllDocuments(text)) {
    const content = doc.toJS();
    const docText = text.slice(doc.range[0], doc.range[2]);
    const line = text.slice(0, doc.range[0]).split('\n').length - 1;
    resources.push({
      id: `r${offset++}`,
      fileId: 'bundle.yaml',
      filePath: 'bundle.yaml',
      fileOffset: line,
      text: docText,
      content,
      kind: content.kind,
      apiVersion: content.apiVersion,
      name: content.metadata?.name,
      namespace: content.metadata?.namespace,
    });
  }
  void lines;
  return resources;
}
const validator = monokle.createDefaultMonokleValidator();
const config = {
  plugins: {
    'yaml-syntax': true,
    'resource-links': true,
    'pod-security-standards': true,
    practices: true,
  },
};
await validator.preload(config);
const monokleTimes = [];
let monokleFindings = 0;
for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
  const run = await timeAsync(async () => validator.validate({ resources: monokleResources() }));
  monokleTimes.push(run.ms);
  monokleFindings = run.result.runs.reduce((n, r) => n + r.results.length, 0);
}

const parseStats = stats(parse);
const validateStats = stats(validate);
const monokleStats = stats(monokleTimes);
process.stdout.write(
  JSON.stringify({
    bytes: Buffer.byteLength(text),
    objects: 1000,
    parseOnlyMs: parseStats,
    validateMs: validateStats,
    validateOverParse: validateStats.median / parseStats.median,
    objectsPerSecond: 1000 / (validateStats.median / 1000),
    podwireFindings: findings,
    monokleMs: monokleStats,
    monokleFindings,
    monokleOverPodwire: monokleStats.median / validateStats.median,
  }) + '\n',
);
