import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

const PROBLEM = /^application\/problem\+json/;

describe('request pipeline', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.app.close();
    t = undefined;
  });

  it('turns malformed JSON into a 400 problem', async () => {
    t = await createTestApp();
    const res = await t.http
      .post('/v1/recommendations')
      .set('Content-Type', 'application/json')
      .send('{"placement": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(JSON.parse(res.text)).toMatchObject({
      status: 400,
      detail: 'The request body is not valid JSON.',
    });
  });

  it('rejects an unknown JSON field naming it', async () => {
    t = await createTestApp();
    const res = await t.http
      .post('/v1/recommendations')
      .send({ placement: 'same-pod', colour: 'blue' });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text);
    expect(body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'colour' })]),
    );
    expect(body.detail).toContain('colour');
  });

  it('answers a body over BODY_LIMIT with 413', async () => {
    t = await createTestApp({ BODY_LIMIT: '2kb' });
    const res = await t.http.post('/v1/recommendations').send({ placement: 'x'.repeat(4096) });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(JSON.parse(res.text).detail).toMatch(/BODY_LIMIT/);
  });

  it('answers an unsupported media type with 415', async () => {
    t = await createTestApp();
    const res = await t.http
      .post('/v1/recommendations')
      .set('Content-Type', 'application/xml')
      .send('<profile/>');
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(PROBLEM);
  });

  it('never puts a stack trace in a response', async () => {
    t = await createTestApp();
    const res = await t.http
      .post('/v1/recommendations')
      .set('Content-Type', 'application/json')
      .send('{oops');
    expect(res.text).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
  });

  it('protects /v1 with API keys while probes stay open', async () => {
    t = await createTestApp({ API_KEYS: 'k1,k2' });
    const none = await t.http.get('/v1/patterns');
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toMatch(PROBLEM);
    expect((await t.http.get('/v1/patterns').set('Authorization', 'Bearer wrong')).status).toBe(
      401,
    );
    expect((await t.http.get('/v1/patterns').set('Authorization', 'Bearer k1')).status).toBe(200);
    expect((await t.http.get('/v1/patterns').set('Authorization', 'Bearer k2')).status).toBe(200);
    expect((await t.http.get('/livez')).status).toBe(200);
    expect((await t.http.get('/metrics')).status).toBe(200);
  });

  it('rate-limits per client with 429 and Retry-After', async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
    expect((await t.http.get('/v1/patterns')).status).toBe(200);
    expect((await t.http.get('/v1/patterns')).status).toBe(200);
    const limited = await t.http.get('/v1/patterns');
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(PROBLEM);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Probes are never limited.
    expect((await t.http.get('/livez')).status).toBe(200);
  });

  it('keeps separate budgets per API key', async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1', API_KEYS: 'k1,k2' });
    expect((await t.http.get('/v1/patterns').set('Authorization', 'Bearer k1')).status).toBe(200);
    expect((await t.http.get('/v1/patterns').set('Authorization', 'Bearer k1')).status).toBe(429);
    expect((await t.http.get('/v1/patterns').set('Authorization', 'Bearer k2')).status).toBe(200);
  });

  it('sends no CORS headers unless origins are configured', async () => {
    t = await createTestApp();
    const off = await t.http.get('/livez').set('Origin', 'https://portal.example.com');
    expect(off.headers['access-control-allow-origin']).toBeUndefined();
    await t.app.close();
    t = await createTestApp({ CORS_ORIGINS: 'https://portal.example.com' });
    const on = await t.http.get('/livez').set('Origin', 'https://portal.example.com');
    expect(on.headers['access-control-allow-origin']).toBe('https://portal.example.com');
  });

  it('sets helmet security headers and a request id', async () => {
    t = await createTestApp();
    const res = await t.http.get('/livez').set('X-Request-Id', 'bad id with spaces');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes request durations by route template', async () => {
    t = await createTestApp();
    await t.http.get('/readyz');
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{route="\/readyz",method="GET",status_code="200"\} 1/,
    );
    expect(res.text).toContain('process_cpu_seconds_total');
  });
});
