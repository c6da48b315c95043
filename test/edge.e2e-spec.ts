import { once } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { DiscoveryService } from '@nestjs/core';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRouteTable } from '../src/common/route-policy.js';
import { loadConfig } from '../src/config/config.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { doc, specOperations } from './helpers/contract.js';

const PROBLEM = /^application\/problem\+json/;
const SAMPLE_PARAMS: Record<string, string> = {
  '{id}': 'service-clusterip',
  '{scope}': 'container',
  '{name}': 'latest-tag',
};

function concrete(template: string): string {
  return template.replace(/\{[^}]+\}/g, (param) => SAMPLE_PARAMS[param] ?? 'x');
}

/** `security: []` in the spec: the operation takes no API key. */
function noKey(operation: string): boolean {
  const [method, path] = operation.split(' ');
  const spec = doc.paths[path][method.toLowerCase()] as { security?: unknown[] };
  return Array.isArray(spec.security) && spec.security.length === 0;
}

const mixedCase = (path: string) =>
  [...path].map((c, i) => (i % 2 === 0 ? c.toUpperCase() : c.toLowerCase())).join('');

const BODIES: Record<string, unknown> = {
  '/v1/recommendations': { placement: 'same-pod' },
  '/v1/manifests/validate': { manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' },
  '/v1/manifests/render': {},
};

/** Sends a request on a raw connection and returns what came back (the socket is then closed). */
async function raw(port: number, text: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(text);
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  await once(socket, 'close');
  return answer;
}

function bodyOf(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
}

async function listen(t: TestApp): Promise<number> {
  const server = t.app.getHttpServer();
  if (!server.listening) {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  }
  return (server.address() as AddressInfo).port;
}

async function metric(t: TestApp, name: string): Promise<number> {
  const res = await t.http.get('/metrics');
  const line = res.text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1] ?? NaN);
}

describe('the edge: which route a request reaches decides its protection', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.app.close();
    t = undefined;
  });

  it('never answers 2xx without a key to any keyed operation in upper case, mixed case or with a trailing slash', async () => {
    t = await createTestApp({ API_KEYS: 'k1' });
    const keyed = specOperations().filter((op) => !noKey(op));
    expect(keyed.length).toBeGreaterThanOrEqual(8);
    for (const operation of keyed) {
      const [method, template] = operation.split(' ');
      const path = concrete(template);
      for (const variant of [path, path.toUpperCase(), mixedCase(path), `${path}/`]) {
        const req =
          method === 'GET'
            ? t.http.get(variant)
            : t.http.post(variant).send(BODIES[template] ?? {});
        const res = await req;
        expect(res.status, `${method} ${variant}`).toBeGreaterThanOrEqual(400);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        if (variant === path) expect(res.status, `${method} ${variant}`).toBe(401);
      }
      // The exact route with the key still works.
      const ok =
        method === 'GET'
          ? t.http.get(path).set('Authorization', 'Bearer k1')
          : t.http
              .post(path)
              .set('Authorization', 'Bearer k1')
              .send(BODIES[template] ?? {});
      expect((await ok).status, operation).not.toBe(401);
    }
    // Operational endpoints stay open.
    expect((await t.http.get('/livez')).status).toBe(200);
  });

  it('reads the same operations from the controllers as openapi.yaml lists, open exactly where the spec says', async () => {
    t = await createTestApp();
    const table = buildRouteTable(t.app.get(DiscoveryService), loadConfig({}));
    const fromCode = table.policies.map((p) => `${p.method} ${p.path.replace(/:(\w+)/g, '{$1}')}`);
    // /docs is Swagger UI's middleware, not a controller (and reads no input).
    const controllers = specOperations().filter((op) => op !== 'GET /docs');
    expect([...fromCode].sort()).toEqual(controllers.sort());
    for (const policy of table.policies) {
      const operation = `${policy.method} ${policy.path.replace(/:(\w+)/g, '{$1}')}`;
      expect(policy.needsKey, operation).toBe(!noKey(operation));
      expect(policy.rateLimited, operation).toBe(
        !policy.open && operation !== 'POST /v1/admission',
      );
      if (policy.open) expect(operation).toMatch(/^GET /);
    }
  });

  it('rejects a query parameter nested deeper than 100 levels with a 400 naming the limit', async () => {
    t = await createTestApp();
    const deep = `${Array.from({ length: 2400 }, () => 'a').join('.')}=1`;
    for (const path of ['/v1/recommendations', '/v1/patterns', '/v1/rules']) {
      const res = await t.http.get(`${path}?${deep}`);
      expect(res.status, path).toBe(400);
      expect(res.body.detail).toBe('The query string nests deeper than 100 levels.');
    }
    const ok = `${Array.from({ length: 3 }, () => 'capabilities').join('.')}=1`;
    expect((await t.http.get(`/v1/recommendations?${ok}`)).body.detail).not.toMatch(/100 levels/);
  });

  it('rejects JSON nested deeper than 100 levels on every JSON route with a 400 naming the limit', async () => {
    t = await createTestApp();
    const deep = (n: number) => `{"placement":${'['.repeat(n)}${']'.repeat(n)}}`;
    for (const path of [
      '/v1/recommendations',
      '/v1/manifests/render',
      '/v1/manifests/validate',
      '/v1/admission',
    ]) {
      const res = await t.http.post(path).set('Content-Type', 'application/json').send(deep(2400));
      expect(res.status, path).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.detail).toBe('The JSON body nests deeper than 100 levels.');
    }
    // 100 levels (the object and 99 arrays) is within the limit; brackets in strings do not count.
    const within = await t.http
      .post('/v1/recommendations')
      .set('Content-Type', 'application/json')
      .send(`{"placement":${'['.repeat(99)}"${'['.repeat(500)}"${']'.repeat(99)}}`);
    expect(within.status).toBe(400);
    expect(within.body.detail).not.toMatch(/levels/);
  });

  it('rejects __proto__, constructor and prototype keys as unknown fields, naming them', async () => {
    t = await createTestApp();
    for (const [body, field] of [
      ['{"placement":"same-pod","__proto__":{"isAdmin":true}}', '__proto__'],
      ['{"placement":"same-pod","constructor":{"name":"x"}}', 'constructor'],
      ['{"placement":"same-pod","prototype":1}', 'prototype'],
      ['{"placement":"same-pod","capabilities":{"constructor":1}}', 'capabilities.constructor'],
    ]) {
      const res = await t.http
        .post('/v1/recommendations')
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status, body).toBe(400);
      expect(res.body.errors, body).toEqual(
        expect.arrayContaining([{ field, message: 'unknown field' }]),
      );
    }
  });
});

describe('the edge: nothing is buffered before the key, the rate limit and the budget', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.app.close();
    t = undefined;
  });

  /** Starts a POST declaring `length` bytes, sends `first` of them and waits for an answer. */
  function startUpload(
    port: number,
    path: string,
    length: number,
    first: number,
    headers: Record<string, string> = {},
  ) {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      agent: false,
      headers: { 'Content-Type': 'application/yaml', 'Content-Length': String(length), ...headers },
    });
    const answered = new Promise<{ res: IncomingMessage; body: string }>((resolve, reject) => {
      req.on('response', (res: IncomingMessage) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ res, body }));
      });
      req.on('error', reject);
    });
    if (first > 0) req.write('#'.repeat(first));
    else req.flushHeaders();
    return { req, answered };
  }

  it('answers many concurrent large bodies without a key with 401 before they are sent, buffering none', async () => {
    t = await createTestApp({ API_KEYS: 'k1' });
    const port = await listen(t);
    const paths = ['/v1/manifests/validate', '/v1/manifests/render', '/v1/recommendations'];
    const uploads = Array.from({ length: 20 }, (_, i) =>
      startUpload(port, paths[i % paths.length], 8 * 1024 ** 2, 65_536, {
        'Content-Type': 'application/json',
        ...(i % 2 ? { Authorization: 'Bearer wrong' } : {}),
      }),
    );
    // Only 64 KiB of each 8 MiB body was sent, yet every request is answered.
    const answers = await Promise.all(uploads.map((upload) => upload.answered));
    for (const { res, body } of answers) {
      expect(res.statusCode).toBe(401);
      expect(JSON.parse(body).detail).toMatch(/API key/);
    }
    for (const upload of uploads) upload.req.destroy();
    expect(await metric(t, 'http_request_body_bytes_reserved_total')).toBe(0);
    expect(await metric(t, 'http_request_body_bytes_in_flight')).toBe(0);
  });

  it('answers "Expect: 100-continue" without a key with 401 and never asks for the body', async () => {
    t = await createTestApp({ API_KEYS: 'k1' });
    const port = await listen(t);
    const upload = startUpload(port, '/v1/manifests/validate', 1024 ** 2, 0, {
      Expect: '100-continue',
    });
    let continued = false;
    upload.req.on('continue', () => (continued = true));
    const { res } = await upload.answered;
    expect(res.statusCode).toBe(401);
    expect(continued).toBe(false);
    upload.req.destroy();
    expect(await metric(t, 'http_request_body_bytes_reserved_total')).toBe(0);
  });

  it('answers 503 with Retry-After once BODY_BUDGET bytes are held, and reads again after', async () => {
    t = await createTestApp({
      BODY_LIMIT: '16kb',
      ADMISSION_BODY_LIMIT: '32kb',
      VALIDATE_BODY_LIMIT: '32kb',
      BODY_BUDGET: '40kb',
    });
    const port = await listen(t);
    const held = startUpload(port, '/v1/manifests/validate', 30_000, 1000);
    // Wait until the held request has reserved its bytes (the server saw its headers).
    while ((await metric(t, 'http_request_body_bytes_in_flight')) < 30_000) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const refused = await t.http
      .post('/v1/manifests/validate')
      .set('Content-Type', 'application/yaml')
      .send(`# ${'x'.repeat(20_000)}\n`);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body.detail).toMatch(/BODY_BUDGET/);
    held.req.end('#'.repeat(29_000));
    expect((await held.answered).res.statusCode).toBe(200);
    const after = await t.http
      .post('/v1/manifests/validate')
      .set('Content-Type', 'application/yaml')
      .send(`# ${'x'.repeat(20_000)}\n`);
    expect(after.status).toBe(200);
    expect(await metric(t, 'http_request_body_budget_refusals_total')).toBe(1);
  });

  it('refuses a declared body over the route limit with 413 naming its variable, unread', async () => {
    t = await createTestApp();
    const port = await listen(t);
    const upload = startUpload(port, '/v1/manifests/validate', 17 * 1024 ** 2, 1024);
    const { res, body } = await upload.answered;
    upload.req.destroy();
    expect(res.statusCode).toBe(413);
    expect(JSON.parse(body).detail).toMatch(/VALIDATE_BODY_LIMIT/);
    expect(await metric(t, 'http_request_body_bytes_reserved_total')).toBe(0);
  });
});

describe('the edge: rate limit buckets', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.app.close();
    t = undefined;
  });

  it('puts unverified Bearer tokens in their address bucket when no keys are configured', async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
    const as = (token: string) =>
      t!.http.get('/v1/patterns').set('Authorization', `Bearer ${token}`);
    expect((await as('r1')).status).toBe(200);
    expect((await as('r2')).status).toBe(200);
    const limited = await as('r3');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits failed key attempts by address, while a verified key keeps its own bucket', async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '2', API_KEYS: 'k1' });
    const as = (token: string) =>
      t!.http.get('/v1/patterns').set('Authorization', `Bearer ${token}`);
    expect((await as('guess-1')).status).toBe(401);
    expect((await as('guess-2')).status).toBe(401);
    expect((await as('guess-3')).status).toBe(429);
    expect((await t.http.post('/v1/recommendations').send({})).status).toBe(429);
    expect((await as('k1')).status).toBe(200);
  });

  it('uses the address X-Forwarded-For gives only from a trusted proxy (TRUST_PROXY)', async () => {
    const from = (app: TestApp, address: string) =>
      app.http.get('/v1/patterns').set('X-Forwarded-For', address);
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: 'loopback' });
    expect((await from(t, '203.0.113.1')).status).toBe(200);
    expect((await from(t, '203.0.113.1')).status).toBe(429);
    expect((await from(t, '203.0.113.2')).status).toBe(200);
    await t.app.close();
    // Without TRUST_PROXY the header is the client's word and is ignored.
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1' });
    expect((await from(t, '203.0.113.1')).status).toBe(200);
    expect((await from(t, '203.0.113.2')).status).toBe(429);
  });
});

describe("the edge: Node's own answers are problems too", () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.app.close();
    t = undefined;
  });

  it('answers oversized headers (431), malformed requests (400) and unknown expectations (417) with problem+json', async () => {
    t = await createTestApp();
    const port = await listen(t);
    const big = await raw(
      port,
      `GET /livez HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(big).toMatch(/^HTTP\/1.1 431 /);
    expect(big).toMatch(/content-type: application\/problem\+json/i);
    expect(bodyOf(big)).toMatchObject({ status: 431 });
    const bad = await raw(port, 'GET /livez HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n');
    expect(bad).toMatch(/^HTTP\/1.1 400 /);
    expect(bodyOf(bad)).toMatchObject({ status: 400, title: 'Bad Request' });
    const expectation = await raw(port, 'GET /livez HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\n\r\n');
    expect(expectation).toMatch(/^HTTP\/1.1 417 /);
    expect(expectation).toMatch(/content-type: application\/problem\+json/i);
    expect(bodyOf(expectation.replace(/\r\n[0-9a-f]+\r\n/, '\r\n'))).toMatchObject({ status: 417 });
  });

  it('answers dot segments under /docs with a 404 problem', async () => {
    t = await createTestApp();
    for (const path of [
      '/docs/%2e%2e/package.json',
      '/docs/%2E%2E/%2e%2e/etc/passwd',
      '/docs/..%2fx',
    ]) {
      const res = await t.http.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers['content-type'], path).toMatch(PROBLEM);
    }
    expect((await t.http.get('/docs/')).status).toBe(200);
  });
});

describe('large bundles under the shipped settings', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.app.close();
    t = undefined;
  });

  it('validates a ~2 MB bundle of 1,000 objects with 200 (VALIDATE_BODY_LIMIT, worker pool)', async () => {
    // The shipped defaults, but for the quiet log: one worker, 16mb validate limit, 32mb budget.
    t = await createTestApp({ VALIDATION_WORKERS: '1', RATE_LIMIT_PER_MINUTE: '600' });
    const bundle = Array.from(
      { length: 1000 },
      (_, i) =>
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\n  labels: {app: web}\ndata:\n  settings: "${'x'.repeat(1900)}"\n`,
    ).join('---\n');
    expect(bundle.length).toBeGreaterThan(1.9e6);
    const res = await t.http
      .post('/v1/manifests/validate')
      .set('Content-Type', 'application/yaml')
      .send(bundle);
    expect(res.status).toBe(200);
    expect(res.body.objects).toHaveLength(1000);
  });
});
