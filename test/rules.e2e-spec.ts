import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../src/validation/rules/index.js';
import { createTestApp, type TestApp } from './helpers/app.js';

describe('GET /v1/rules', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('lists every registered rule, sorted by id, with its documentation', async () => {
    const res = await t.http.get('/v1/rules');
    expect(res.status).toBe(200);
    const ids = res.body.rules.map((rule: { id: string }) => rule.id);
    expect(ids).toEqual(rules.map((rule) => rule.id));
    expect(ids).toContain('schema/invalid-type');
    expect(
      res.body.rules.find((rule: { id: string }) => rule.id === 'manifest/unknown-kind'),
    ).toMatchObject({
      severity: 'info',
      category: 'manifest',
      patterns: [],
    });
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });

  it('answers If-None-Match with 304', async () => {
    const first = await t.http.get('/v1/rules');
    const again = await t.http.get('/v1/rules').set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
  });

  it('renders a markdown table for chat', async () => {
    const res = await t.http.get('/v1/rules').set('Accept', 'text/markdown');
    expect(res.status).toBe(200);
    expect(res.text).toContain('| `yaml/duplicate-key` | error |');
  });
});

describe('GET /v1/rules/{scope}/{name}', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('shows one rule', async () => {
    const res = await t.http.get('/v1/rules/yaml/duplicate-key');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'yaml/duplicate-key',
      severity: 'error',
      category: 'yaml',
    });
    expect(res.body.remediation).not.toBe('');
  });

  it('answers If-None-Match with 304 and renders markdown', async () => {
    const first = await t.http.get('/v1/rules/manifest/invalid-name');
    expect(
      (await t.http.get('/v1/rules/manifest/invalid-name').set('If-None-Match', first.headers.etag))
        .status,
    ).toBe(304);
    const md = await t.http.get('/v1/rules/manifest/invalid-name').set('Accept', 'text/markdown');
    expect(md.text).toMatch(/^### `manifest\/invalid-name`/);
  });

  it('answers an unknown id with a 404 problem', async () => {
    const res = await t.http.get('/v1/rules/pod/no-such-rule');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toMatchObject({
      status: 404,
      detail: 'No rule "pod/no-such-rule". GET /v1/rules lists every rule.',
    });
  });
});

describe('rules: access control', () => {
  it.each(['/v1/rules', '/v1/rules/yaml/syntax'])(
    '%s needs an API key when keys are configured (401) and is rate limited (429)',
    async (path) => {
      const t = await createTestApp({ API_KEYS: 'secret-key', RATE_LIMIT_PER_MINUTE: '1' });
      try {
        expect((await t.http.get(path)).status).toBe(401);
        const auth = { Authorization: 'Bearer secret-key' };
        expect((await t.http.get(path).set(auth)).status).toBe(200);
        expect((await t.http.get(path).set(auth)).status).toBe(429);
      } finally {
        await t.app.close();
      }
    },
  );
});
