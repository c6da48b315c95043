import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { specOperations } from './helpers/contract.js';

/**
 * Hostile requests against every operation of openapi.yaml: whatever arrives, the answer is a
 * documented non-5xx (the contract helper checks each one), the connection is not reset, and the
 * process is alive afterwards. PODWIRE_FUZZ_RUNS raises the number of cases (default 2,000).
 */
const RUNS = Number(process.env.PODWIRE_FUZZ_RUNS ?? 2000);
const KEY = 'fuzz-key';
const PARAMS: Record<string, string[]> = {
  '{id}': ['service-clusterip', 'nope', '%2e%2e', '__proto__'],
  '{scope}': ['container', 'yaml', 'constructor'],
  '{name}': ['latest-tag', 'syntax', 'prototype'],
};

const deepJson = (n: number) => `{"a":${'['.repeat(n)}${']'.repeat(n)}}`;
const deepQuery = (n: number) => `${Array.from({ length: n }, () => 'a').join('.')}=1`;

const template = fc.constantFrom(...specOperations());
const path = (raw: string) =>
  fc
    .tuple(
      ...raw
        .split('/')
        .map((segment) =>
          PARAMS[segment] ? fc.constantFrom(...PARAMS[segment]) : fc.constant(segment),
        ),
    )
    .map((segments) => segments.join('/'))
    .chain((p) =>
      fc.constantFrom(
        p,
        p.toUpperCase(),
        `${p}/`,
        p.replace(/^\/v1/, '/V1'),
        `${p}/..`,
        p.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`),
      ),
    );
const query = fc.oneof(
  fc.constant(''),
  fc.constant('placement=same-pod&capabilities.mesh=linkerd'),
  fc.constant(deepQuery(150)),
  fc.constant(deepQuery(2400)),
  fc.constant('__proto__.polluted=1&constructor.prototype.x=1'),
  fc.constant('a[b][c][d]=1&a[__proto__]=2'),
  fc.constant('kubernetesVersion=1.28&scope=x&format=sarif'),
  fc
    .array(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })), { maxLength: 4 })
    .map((pairs) =>
      pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
    ),
);
const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'a');
const jsonBody = fc.oneof(
  fc.constant(deepJson(150)),
  fc.constant(deepJson(2400)),
  fc.constant('{"placement":"same-pod","__proto__":{"polluted":true}}'),
  fc.constant('{"manifest":"apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: a}\\n"}'),
  fc.constant(
    '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u"}}',
  ),
  fc.constant('{"placement": '),
  fc.dictionary(hostileKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }).map((o) => {
    // JSON.stringify drops an own "__proto__" made by fc; build the text by hand instead.
    const entries = Object.entries(o).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    return `{${entries.join(',')}}`;
  }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
);
const textBody = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.constant('a: &a [*a]\n'),
  fc.constant(`${'- '.repeat(200)}x`),
  fc.constant('? *x\n'),
  fc.constant('command=%2Fpodwire&text=help&token=wrong'),
);
const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/merge-patch+json',
  'application/yaml',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'garbage',
);
const auth = fc.constantFrom(undefined, `Bearer ${KEY}`, 'Bearer wrong', 'Basic Zm9vOmJhcg==', '');
const bigHeader = fc.constantFrom(undefined, 'x'.repeat(8000), 'x'.repeat(40_000));
const method = fc.constantFrom(undefined, 'PUT', 'DELETE', 'PATCH');

const request = template.chain((operation) => {
  const [verb, raw] = operation.split(' ');
  return fc.record({
    verb: method.map((m) => m ?? verb),
    path: path(raw),
    query,
    body: fc.oneof(jsonBody, textBody),
    contentType,
    auth,
    bigHeader,
    accept: fc.constantFrom(undefined, 'text/markdown', 'application/sarif+json', 'image/png'),
  });
});

describe('every operation under hostile input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ API_KEYS: KEY, MATTERMOST_TOKEN: 'mm-token', BODY_LIMIT: '256kb' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it(
    `answers ${RUNS} hostile requests without a 5xx or a reset, and stays alive`,
    async () => {
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const url = r.query ? `${r.path}?${r.query}` : r.path;
          let req = t.http[r.verb.toLowerCase() as 'get'](url);
          if (r.auth !== undefined) req = req.set('Authorization', r.auth);
          if (r.bigHeader !== undefined) req = req.set('X-Padding', r.bigHeader);
          if (r.accept !== undefined) req = req.set('Accept', r.accept);
          if (r.verb !== 'GET') {
            if (r.contentType !== undefined) req = req.set('Content-Type', r.contentType);
            req = req.send(r.body);
          }
          const res = await req;
          expect(res.status, `${r.verb} ${url.slice(0, 120)}`).toBeLessThan(500);
          expect(res.status).toBeGreaterThanOrEqual(200);
        }),
        { numRuns: RUNS },
      );
      expect((await t.http.get('/livez')).status).toBe(200);
    },
    60_000 + RUNS * 50,
  );
});
