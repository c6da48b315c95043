import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

const IDS = [
  'message-broker',
  'node-agent',
  'object-storage',
  'pod-localhost',
  'service-clusterip',
  'service-headless',
  'service-mesh',
  'shared-pvc',
  'shared-volume-disk',
  'shared-volume-memory',
  'sidecar-proxy',
  'unix-socket',
];
const CRITERIA = [
  'security',
  'latency',
  'throughput',
  'decoupling',
  'simplicity',
  'reliability',
  'portability',
];

describe('GET /v1/patterns', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('lists exactly the twelve patterns, each rated on the seven criteria, with the three core patterns marked', async () => {
    const res = await t.http.get('/v1/patterns');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.criteria).toEqual(CRITERIA);
    const patterns = res.body.patterns as Array<{
      id: string;
      core: boolean;
      ratings: Record<string, { rating: number; justification: string }>;
      references: unknown[];
    }>;
    expect(patterns.map((p) => p.id)).toEqual(IDS);
    for (const p of patterns) {
      expect(Object.keys(p.ratings).sort()).toEqual([...CRITERIA].sort());
      expect(p.references.length).toBeGreaterThanOrEqual(1);
    }
    expect(patterns.filter((p) => p.core).map((p) => p.id)).toEqual([
      'service-clusterip',
      'shared-volume-disk',
      'sidecar-proxy',
    ]);
  });

  it('is cacheable: ETag and Cache-Control, and 304 for a matching If-None-Match', async () => {
    const first = await t.http.get('/v1/patterns');
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    expect(first.headers.vary).toMatch(/Accept/);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await t.http.get('/v1/patterns').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    const stale = await t.http.get('/v1/patterns').set('If-None-Match', '"something-else"');
    expect(stale.status).toBe(200);
  });

  it('answers Accept: text/markdown with a short list and its own ETag', async () => {
    const json = await t.http.get('/v1/patterns');
    const res = await t.http.get('/v1/patterns').set('Accept', 'text/markdown');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/markdown/);
    expect(res.text.length).toBeLessThan(3000);
    for (const id of IDS) expect(res.text).toContain(`**${id}**`);
    expect(res.text).toContain('★ **sidecar-proxy**');
    expect(res.headers.etag).not.toBe(json.headers.etag);
  });
});

describe('GET /v1/patterns/{id}', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('returns one pattern with correct facts', async () => {
    const res = await t.http.get('/v1/patterns/sidecar-proxy');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'sidecar-proxy',
      core: true,
      scope: 'same-pod-with-service',
    });
    expect(res.body.versionNotes.join(' ')).toContain('alpha in 1.28');
    expect(res.body.versionNotes.join(' ')).toContain('GA in 1.33');
    expect(res.body.summary).toContain('Kubernetes injects no proxies');
    const memory = await t.http.get('/v1/patterns/shared-volume-memory');
    expect(memory.body.cautions.join(' ')).toContain('count against the container memory limits');
  });

  it('is cacheable and answers 304 to its ETag', async () => {
    const first = await t.http.get('/v1/patterns/service-clusterip');
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const again = await t.http
      .get('/v1/patterns/service-clusterip')
      .set('If-None-Match', first.headers.etag as string);
    expect(again.status).toBe(304);
  });

  it('returns a markdown card on request', async () => {
    const res = await t.http.get('/v1/patterns/shared-volume-disk').set('Accept', 'text/markdown');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/markdown/);
    expect(res.text).toContain('| security | 4/5 |');
    expect(res.text).toContain('https://kubernetes.io/docs/concepts/storage/volumes/#emptydir');
  });

  it('answers an unknown id with a 404 problem naming it', async () => {
    const res = await t.http.get('/v1/patterns/service-nodeport');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({ status: 404, title: 'Not Found' });
    expect(body.detail).toContain('"service-nodeport"');
    expect(body.detail).toContain('service-clusterip');
  });
});

describe('catalogue behind API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ API_KEYS: 'catalog-test-key' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('answers 401 without a key and 200 with one', async () => {
    expect((await t.http.get('/v1/patterns')).status).toBe(401);
    expect((await t.http.get('/v1/patterns/unix-socket')).status).toBe(401);
    const ok = await t.http
      .get('/v1/patterns/unix-socket')
      .set('Authorization', 'Bearer catalog-test-key');
    expect(ok.status).toBe(200);
  });
});
