import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

describe('GET /v1/custom-resources', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('lists every shipped custom resource type with its versions and source release', async () => {
    const res = await t.http.get('/v1/custom-resources');
    expect(res.status).toBe(200);
    const types = res.body.customResources as {
      group: string;
      kind: string;
      versions: string[];
      source: { project: string; release: string };
    }[];
    expect(types).toHaveLength(39);
    expect(types).toContainEqual({
      group: 'gateway.networking.k8s.io',
      kind: 'HTTPRoute',
      versions: ['v1', 'v1beta1'],
      source: { project: 'Gateway API', release: 'v1.6.1' },
    });
    expect(types).toContainEqual({
      group: 'networking.istio.io',
      kind: 'VirtualService',
      versions: ['v1', 'v1alpha3', 'v1beta1'],
      source: { project: 'Istio', release: '1.30.3' },
    });
    expect(types.find((type) => type.kind === 'Certificate')?.source).toEqual({
      project: 'cert-manager',
      release: 'v1.21.1',
    });
    expect(types.find((type) => type.kind === 'Server')?.source.project).toBe('Linkerd');
    const keys = types.map((type) => `${type.group}/${type.kind}`);
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b)));
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });

  it('answers If-None-Match with 304', async () => {
    const first = await t.http.get('/v1/custom-resources');
    const again = await t.http.get('/v1/custom-resources').set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
  });

  it('a listed resource validates with no CRD in the bundle; an unknown one stays info', async () => {
    const manifest = [
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      'metadata: {name: web}',
      'spec:',
      '  hosts: [web]',
      '  htp: []',
      '---',
      'apiVersion: example.com/v1',
      'kind: Widget',
      'metadata: {name: w}',
    ].join('\n');
    const res = await t.http
      .post('/v1/manifests/validate')
      .set('Content-Type', 'application/yaml')
      .send(manifest);
    expect(res.status).toBe(200);
    const findings = res.body.findings as { ruleId: string; severity: string; path: string }[];
    expect(findings.map(({ ruleId, severity, path }) => ({ ruleId, severity, path }))).toEqual([
      { ruleId: 'custom-resource/schema-violation', severity: 'error', path: '/spec/htp' },
      { ruleId: 'manifest/unknown-kind', severity: 'info', path: '/kind' },
    ]);
  });
});
