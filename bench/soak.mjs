// The soak: mixed valid load for BENCH_SOAK_SECONDS with one hostile request every second, against
// a server with the shipped settings (plus an API key, and no rate limit, which is not under test).
// Reports RSS samples, the peak, latency and the counts of 5xx, 503 and requests over 10 s.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { largeBundle, smallSidecarBundle } from './bundle.mjs';

const KEY = 'bench-soak-key';
const AUTH = { authorization: `Bearer ${KEY}` };
const JSON_HEADERS = { ...AUTH, 'content-type': 'application/json' };
const YAML_HEADERS = { ...AUTH, 'content-type': 'application/yaml' };
/** A request slower than this counts as a timeout (the target: none). */
const SLOW_MS = 10_000;
/** Hostile requests still unanswered beyond this many are not sent (and counted as skipped). */
const MAX_OUTSTANDING = 10;

const DEPTH = 2400;
const hostile = [
  {
    name: 'deep JSON body (2,400 levels)',
    method: 'POST',
    path: '/v1/recommendations',
    headers: JSON_HEADERS,
    body: `{"placement":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`,
  },
  {
    name: 'deep dotted query (2,400 levels)',
    method: 'GET',
    path: `/v1/recommendations?a${'.a'.repeat(DEPTH - 1)}=1`,
    headers: AUTH,
  },
  {
    name: 'alias of a list as a mapping key, 73 KB (worker path)',
    method: 'POST',
    path: '/v1/manifests/validate',
    headers: YAML_HEADERS,
    body: `s: &s ${'x'.repeat(70_000)}\nl: &l [${'*s, '.repeat(999)}*s]\n? *l\n: v\n`,
  },
  {
    name: 'alias of a list as a mapping key, 33 KB (inline path)',
    method: 'POST',
    path: '/v1/manifests/validate',
    headers: YAML_HEADERS,
    body: `s: &s ${'x'.repeat(30_000)}\nl: &l [${'*s, '.repeat(999)}*s]\n? *l\n: v\n`,
  },
  {
    name: '600 KB flow sequence [a,a,…] (worker heap)',
    method: 'POST',
    path: '/v1/manifests/validate',
    headers: YAML_HEADERS,
    body: `[${Array.from({ length: 300_000 }, () => 'a').join(',')}]\n`,
  },
  {
    name: '17 MiB body to validate',
    method: 'POST',
    path: '/v1/manifests/validate',
    headers: YAML_HEADERS,
    body: `# ${'x'.repeat(98)}\n`.repeat(178_000),
  },
  {
    name: '9 MiB AdmissionReview without a key',
    method: 'POST',
    path: '/v1/admission',
    headers: { 'content-type': 'application/json' },
    body: `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","x":"${'x'.repeat(9 * 1024 * 1024)}"}`,
  },
  {
    name: 'wrong key',
    method: 'GET',
    path: '/v1/patterns',
    headers: { authorization: 'Bearer no' },
  },
  { name: 'upper-case path, no key', method: 'GET', path: '/V1/patterns' },
  { name: 'trailing slash, no key', method: 'GET', path: '/v1/patterns/' },
  {
    name: '__proto__ key',
    method: 'POST',
    path: '/v1/recommendations',
    headers: JSON_HEADERS,
    body: '{"placement":"same-pod","interaction":"events","__proto__":{"admin":true}}',
  },
  {
    name: 'truncated JSON',
    method: 'POST',
    path: '/v1/recommendations',
    headers: JSON_HEADERS,
    body: '{"placement":',
  },
  { name: 'docs path traversal', method: 'GET', path: '/docs/%2e%2e/%2e%2e/etc/passwd' },
  {
    name: '1,001 YAML documents',
    method: 'POST',
    path: '/v1/manifests/validate',
    headers: YAML_HEADERS,
    body: Array.from({ length: 1001 }, (_, i) => `kind: ConfigMap\nmetadata: {name: c${i}}\n`).join(
      '---\n',
    ),
  },
];

const valid = [
  {
    method: 'POST',
    path: '/v1/recommendations',
    headers: JSON_HEADERS,
    body: JSON.stringify({ placement: 'separate-pods', interaction: 'request-response' }),
  },
  {
    method: 'POST',
    path: '/v1/manifests/render',
    headers: JSON_HEADERS,
    body: JSON.stringify({ pattern: 'sidecar-proxy', name: 'web', options: { proxy: 'nginx' } }),
  },
  {
    method: 'POST',
    path: '/v1/manifests/validate',
    headers: YAML_HEADERS,
    body: smallSidecarBundle(),
  },
  { method: 'GET', path: '/v1/patterns', headers: AUTH },
];
// ≈ 100 KB: validated on the worker pool.
const large = {
  method: 'POST',
  path: '/v1/manifests/validate',
  headers: YAML_HEADERS,
  body: largeBundle(176),
};

function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)[1]);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

function startServer(port) {
  return spawn(process.execPath, ['dist/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      // The env deploy/base/deployment.yaml sets (the rest are the defaults).
      LOG_LEVEL: 'info',
      SHUTDOWN_DELAY_MS: '5000',
      SHUTDOWN_GRACE_MS: '20000',
      API_KEYS: KEY,
      RATE_LIMIT_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitUntilUp(base) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/livez`)).ok) return;
    } catch {
      // starting
    }
    await sleep(100);
  }
  throw new Error('soak: server did not start');
}

function countBy(map, key) {
  map[key] = (map[key] ?? 0) + 1;
}

export async function soak({ seconds, port }) {
  const base = `http://127.0.0.1:${port}`;
  let server = startServer(port);
  await waitUntilUp(base);
  try {
    writeFileSync(`/proc/${server.pid}/clear_refs`, '5');
  } catch {
    // VmHWM then counts from the start, which is below the soak's peak anyway
  }
  const started = performance.now();
  const elapsedS = () => (performance.now() - started) / 1000;
  const crashes = [];
  let peakMb = 0;
  const rssSamples = [];
  let lastHostile;

  // A crash is recorded and the server restarted, so the rest of the soak still measures.
  let stopping = false;
  const watch = (child) =>
    child.once('exit', (code, signal) => {
      if (stopping) return;
      crashes.push({ atSeconds: Math.round(elapsedS()), code, signal, lastHostile });
      server = startServer(port);
      watch(server);
    });
  watch(server);

  const sampler = setInterval(() => {
    try {
      const m = memory(server.pid);
      peakMb = Math.max(peakMb, m.peakMb);
      rssSamples.push({ atSeconds: Math.round(elapsedS()), rssMb: Math.round(m.rssMb) });
    } catch {
      // between a crash and the restart
    }
  }, 5000);

  const byName = Object.fromEntries(hostile.map((h) => [h.name, { statuses: {}, maxMs: 0 }]));
  let outstanding = 0;
  let skipped = 0;
  let hostileSlow = 0;
  const pending = [];
  const sendHostile = async (h) => {
    const t0 = performance.now();
    let outcome;
    try {
      const res = await fetch(base + h.path, {
        method: h.method,
        headers: h.headers,
        body: h.body,
        signal: globalThis.AbortSignal.timeout(SLOW_MS * 3),
      });
      await res.arrayBuffer();
      outcome = String(res.status);
    } catch (error) {
      outcome = error.cause?.code ?? error.name;
    }
    const entry = byName[h.name];
    const ms = Math.round(performance.now() - t0);
    countBy(entry.statuses, outcome);
    entry.maxMs = Math.max(entry.maxMs, ms);
    if (ms > SLOW_MS) hostileSlow++;
  };
  const hostileLoop = (async () => {
    for (let i = 0; elapsedS() < seconds; i++) {
      const h = hostile[i % hostile.length];
      if (outstanding >= MAX_OUTSTANDING) skipped++;
      else {
        outstanding++;
        lastHostile = h.name;
        pending.push(sendHostile(h).finally(() => outstanding--));
      }
      await sleep(1000);
    }
  })();

  const cannon = (requests, connections) =>
    autocannon({ url: base, requests, connections, duration: seconds, timeout: SLOW_MS / 1000 });
  const [mixed, big] = await Promise.all([cannon(valid, 8), cannon([large], 2)]);
  await hostileLoop;
  await Promise.all(pending);
  clearInterval(sampler);
  try {
    peakMb = Math.max(peakMb, memory(server.pid).peakMb);
  } catch {
    // gone
  }
  stopping = true;
  server.kill('SIGKILL');

  const validSummary = (r) => ({
    requests: r.requests.total,
    statuses: Object.fromEntries(
      Object.entries(r.statusCodeStats).map(([code, { count }]) => [code, count]),
    ),
    errors: r.errors,
    timeouts: r.timeouts,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
  });
  // 503 is load shedding (Retry-After), an honest answer: counted apart, not as a 5xx failure.
  const fiveXx = (statuses) =>
    Object.entries(statuses)
      .filter(([code]) => /^5\d\d$/.test(code) && code !== '503')
      .reduce((sum, [, n]) => sum + n, 0);
  const count = (statuses, code) => statuses[code] ?? 0;
  const validMixed = validSummary(mixed);
  const validLarge = validSummary(big);
  const hostileStatuses = {};
  for (const { statuses } of Object.values(byName))
    for (const [code, n] of Object.entries(statuses))
      hostileStatuses[code] = (hostileStatuses[code] ?? 0) + n;
  return {
    seconds,
    valid: { mixed: validMixed, large: validLarge },
    hostile: { byName, skipped, overTenSeconds: hostileSlow },
    rssSamples,
    peakRssMb: peakMb,
    crashes,
    counts: {
      fiveXx: fiveXx(validMixed.statuses) + fiveXx(validLarge.statuses) + fiveXx(hostileStatuses),
      s503:
        count(validMixed.statuses, '503') +
        count(validLarge.statuses, '503') +
        count(hostileStatuses, '503'),
      // autocannon gives up at 10 s (a timeout); a hostile request slower than 10 s is counted too.
      overTenSeconds: validMixed.timeouts + validLarge.timeouts + hostileSlow,
      connectionErrors:
        validMixed.errors -
        validMixed.timeouts +
        validLarge.errors -
        validLarge.timeouts +
        Object.entries(hostileStatuses)
          .filter(([code]) => !/^\d+$/.test(code))
          .reduce((sum, [, n]) => sum + n, 0),
      crashes: crashes.length,
    },
  };
}
