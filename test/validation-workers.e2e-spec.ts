import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

// Above the 64 KiB worker threshold: with VALIDATION_WORKERS > 0 this runs on a worker thread.
const BIG = Array.from(
  { length: 500 },
  (_, i) =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  selector: {app: a${i}}\n  ports:\n    - port: "80"\n      targetPort: http\n`,
).join('---\n');

describe('POST /v1/manifests/validate on worker threads (VALIDATION_WORKERS=2)', () => {
  let pooled: TestApp;
  let inline: TestApp;
  beforeAll(async () => {
    pooled = await createTestApp({ VALIDATION_WORKERS: '2' });
    inline = await createTestApp({ VALIDATION_WORKERS: '0' });
  });
  afterAll(async () => {
    await pooled.app.close();
    await inline.app.close();
  });

  it('gives big manifests the same answer as inline validation', async () => {
    expect(Buffer.byteLength(BIG)).toBeGreaterThan(64 * 1024);
    const [fromPool, fromInline] = await Promise.all([
      pooled.http.post('/v1/manifests/validate').set('Content-Type', 'application/yaml').send(BIG),
      inline.http.post('/v1/manifests/validate').set('Content-Type', 'application/yaml').send(BIG),
    ]);
    expect(fromPool.status).toBe(200);
    expect(fromPool.body).toEqual(fromInline.body);
    expect(fromPool.body.summary.objects).toBe(500);
    expect(
      fromPool.body.findings.filter((f: { ruleId: string }) => f.ruleId === 'schema/invalid-type'),
    ).toHaveLength(500);
  });

  it('serves small requests while big ones are validated', async () => {
    const big = Array.from({ length: 3 }, () =>
      pooled.http.post('/v1/manifests/validate').set('Content-Type', 'application/yaml').send(BIG),
    );
    const small = pooled.http
      .post('/v1/manifests/validate')
      .set('Content-Type', 'application/yaml')
      .send('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    const [smallRes, ...bigRes] = await Promise.all([small, ...big]);
    expect(smallRes.status).toBe(200);
    expect(smallRes.body.valid).toBe(true);
    for (const res of bigRes) expect(res.body.summary.objects).toBe(500);
  });

  it('maps limit errors raised on a worker to the same 422 problem', async () => {
    const text = Array.from(
      { length: 1001 },
      (_, i) => `kind: ConfigMap\nmetadata: {name: c${i}}\n# ${'x'.repeat(40)}\n`,
    ).join('---\n');
    const res = await pooled.http
      .post('/v1/manifests/validate')
      .set('Content-Type', 'application/yaml')
      .send(text);
    expect(res.status).toBe(422);
    expect(JSON.parse(res.text).detail).toBe(
      'The manifest has more than 1000 YAML documents (limit: 1000 documents).',
    );
  });
});

describe('POST /v1/manifests/validate when the worker pool is saturated', () => {
  let busy: TestApp;
  beforeAll(async () => {
    busy = await createTestApp({ VALIDATION_WORKERS: '1', VALIDATION_QUEUE: '0' });
  });
  afterAll(async () => {
    await busy.app.close();
  });

  it('sheds big manifests beyond the queue with 503 and Retry-After, and keeps validating', async () => {
    const send = () =>
      busy.http.post('/v1/manifests/validate').set('Content-Type', 'application/yaml').send(BIG);
    // The first starts a worker thread (hundreds of ms from the TS sources); the rest find it busy.
    const responses = await Promise.all(Array.from({ length: 4 }, send));
    const refused = responses.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0].headers['retry-after']).toBe('1');
    expect(refused[0].headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused[0].body).toMatchObject({
      status: 503,
      detail: 'All validation workers are busy and 0 large manifests are waiting; retry shortly.',
    });
    const served = responses.filter((r) => r.status === 200);
    expect(served.length).toBeGreaterThanOrEqual(1);
    expect(served.length + refused.length).toBe(4);
    const later = await send();
    expect(later.status).toBe(200);
    expect(later.body.summary.objects).toBe(500);
  });
});

describe('POST /v1/manifests/validate when the client leaves (one worker, no queue)', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp({ VALIDATION_WORKERS: '1', VALIDATION_QUEUE: '0' });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('gives the worker up for the next request instead of finishing work nobody reads', async () => {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      `POST /v1/manifests/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/yaml\r\n` +
        `Content-Length: ${Buffer.byteLength(BIG)}\r\n\r\n${BIG}`,
    );
    // The cold worker thread takes hundreds of ms to start: the first validation is still running.
    await sleep(100);
    socket.destroy();
    await sleep(50);
    // With the abandoned task still holding the only slot, this would be a 503.
    const next = await t.http
      .post('/v1/manifests/validate')
      .set('Content-Type', 'application/yaml')
      .send(BIG);
    expect(next.status).toBe(200);
    expect(next.body.summary.objects).toBe(500);
  });
});

describe('POST /v1/manifests/validate after a worker runs out of heap (one worker)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Bounds far beyond the test's run: a legitimate manifest answered 503 was stranded, not late.
    t = await createTestApp({
      VALIDATION_WORKERS: '1',
      VALIDATION_QUEUE: '16',
      VALIDATION_QUEUE_WAIT_MS: '600000',
      VALIDATION_TIMEOUT_MS: '600000',
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('answers 422 to the hungry manifest and 200 to every one queued behind it', async () => {
    // ≈ 600 KB of one flow sequence of plain scalars: far more heap than its size suggests.
    const hungry = `[${Array.from({ length: 300_000 }, () => 'a').join(',')}]\n`;
    const send = (body: string) =>
      t.http.post('/v1/manifests/validate').set('Content-Type', 'application/yaml').send(body);
    const first = send(hungry);
    // Queued behind it, in this order, while the first is still being parsed.
    const rest = Array.from({ length: 4 }, () => send(BIG));
    const [hungryRes, ...restRes] = await Promise.all([first, ...rest]);
    expect(hungryRes.status).toBe(422);
    expect(hungryRes.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(restRes.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    for (const res of restRes) expect(res.body.summary.objects).toBe(500);
  });
});
