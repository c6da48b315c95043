import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, flushExercised, type TestApp } from './helpers/app.js';
import { doc } from './helpers/contract.js';

const PROBLEM = /^application\/problem\+json/;

describe('HTTP that tells the truth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    flushExercised();
    await t.app.close();
  });

  it('answers an Accept it cannot serve with 406 listing the types the route serves', async () => {
    const res = await t.http.get('/v1/patterns').set('Accept', 'application/xml');
    expect(res.status).toBe(406);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.detail).toContain('application/json');
    expect(res.body.detail).toContain('text/markdown');
    expect(res.body.detail).not.toContain('application/xml');
  });

  it('lists the media types of the route asked for, not a global list', async () => {
    const res = await t.http
      .post('/v1/manifests/validate')
      .set('Accept', 'application/xml')
      .set('Content-Type', 'application/yaml')
      .send('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    expect(res.status).toBe(406);
    expect(res.body.detail).toContain('application/sarif+json');
    const probe = await t.http.get('/livez').set('Accept', 'application/xml');
    expect(probe.status).toBe(406);
    expect(probe.body.detail).not.toContain('text/markdown');
  });

  it('still serves wildcards, q-values and a missing Accept', async () => {
    expect((await t.http.get('/v1/patterns').set('Accept', '*/*')).status).toBe(200);
    expect((await t.http.get('/v1/patterns').set('Accept', 'application/*')).status).toBe(200);
    const md = await t.http
      .get('/v1/patterns')
      .set('Accept', 'application/xml, text/markdown;q=0.5');
    expect(md.status).toBe(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect((await t.http.get('/v1/patterns')).status).toBe(200);
  });

  it('answers a known path asked with the wrong method with 405 and Allow from the route table', async () => {
    const res = await t.http.delete('/v1/patterns');
    expect(res.status).toBe(405);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.headers.allow).toBe('GET, HEAD');
    const post = await t.http.get('/v1/manifests/validate');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('POST');
    const template = await t.http.put('/v1/rules/container/latest-tag');
    expect(template.status).toBe(405);
    expect(template.headers.allow).toBe('GET, HEAD');
  });

  it('keeps 404 for paths no route has, routing stays case-sensitive and strict', async () => {
    for (const path of ['/v1/nothing', '/V1/patterns', '/v1/patterns/']) {
      const res = await t.http.delete(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.allow, path).toBeUndefined();
    }
  });

  it('derives Allow for every documented path from the route table, never a hand list', async () => {
    for (const [template, item] of Object.entries(doc.paths)) {
      if (template === '/docs') continue; // Swagger UI is mounted outside the route table
      const path = template
        .replace('{id}', 'service-clusterip')
        .replace('{scope}', 'container')
        .replace('{name}', 'latest-tag');
      const documented = Object.keys(item)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => m.toUpperCase());
      const res = await t.http.patch(path);
      expect(res.status, template).toBe(405);
      const allow = String(res.headers.allow).split(', ');
      expect(allow.filter((m) => m !== 'HEAD').sort(), template).toEqual(documented.sort());
    }
  });

  it('answers Swagger UI, mounted outside the route table, with 405 for other methods', async () => {
    for (const path of ['/docs', '/docs/']) {
      const res = await t.http.put(path);
      expect(res.status, path).toBe(405);
      expect(res.headers.allow, path).toBe('GET, HEAD');
    }
  });

  it('redirects GET / to the Swagger UI', async () => {
    const res = await t.http.get('/');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/docs');
  });
});
