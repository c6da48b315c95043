import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { checkResponse, doc, specOperations } from './helpers/contract.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe('openapi.yaml contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Configure the optional routes so that every route the app can serve is registered.
    t = await createTestApp({
      SLACK_SIGNING_SECRET: 'contract-secret',
      MATTERMOST_TOKEN: 'contract-token',
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('documents every route the app serves', () => {
    const router = t.app.getHttpAdapter().getInstance().router as { stack: Layer[] };
    const served = router.stack
      .filter((layer) => layer.route)
      .flatMap((layer) =>
        Object.keys(layer.route!.methods).map(
          (m) => `${m.toUpperCase()} ${layer.route!.path.replace(/:([A-Za-z]+)/g, '{$1}')}`,
        ),
      );
    const documented = new Set(specOperations());
    expect(served.filter((op) => !documented.has(op))).toEqual([]);
    expect(served).toEqual(expect.arrayContaining(['GET /livez', 'GET /readyz', 'GET /metrics']));
  });

  it('is OpenAPI 3.1 and served as JSON and YAML', async () => {
    const json = await t.http.get('/openapi.json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toBe('3.1.0');
    expect(Object.keys(json.body.paths)).toEqual(Object.keys(doc.paths));
    const yaml = await t.http.get('/openapi.yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
    expect(yaml.text).toMatch(/^openapi: 3\.1\.0/);
  });

  it('serves Swagger UI at /docs under a Content-Security-Policy', async () => {
    const res = await t.http.get('/docs').redirects(1);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('swagger-ui');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('flags responses that break the contract', () => {
    const result = checkResponse({
      method: 'GET',
      path: '/livez',
      status: 200,
      contentType: 'application/json',
      body: '{"status":"fine"}',
    });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/does not match schema/);
    expect(
      checkResponse({
        method: 'GET',
        path: '/livez',
        status: 418,
        contentType: 'application/json',
        body: '{}',
      }).problems[0],
    ).toMatch(/not documented/);
    expect(
      checkResponse({
        method: 'GET',
        path: '/nope',
        status: 200,
        contentType: 'text/plain',
        body: '',
      }).problems[0],
    ).toMatch(/not an operation/);
  });
});
