import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

const TOKEN = 'e2e-mattermost-token';
const RANGE = 'kubernetesVersion must be a supported Kubernetes release, 1.28 to 1.36';
const FORMS = ['1.31', '1.31.4', 'v1.31', 'v1.31.4'];
const MANIFEST = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  trafficDistribution: PreferClose
  ports:
    - port: 80
`;

describe('Kubernetes releases on every endpoint', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ MATTERMOST_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('GET /v1/kubernetes-versions lists 1.28–1.36, the default 1.36, native sidecars from 1.29', async () => {
    const res = await t.http.get('/v1/kubernetes-versions');
    expect(res.status).toBe(200);
    expect(res.body.default).toBe('1.36');
    expect(res.body.versions[0]).toEqual({
      version: '1.28',
      default: false,
      nativeSidecars: false,
    });
    expect(res.body.versions.at(-1)).toEqual({
      version: '1.36',
      default: true,
      nativeSidecars: true,
    });
    expect(res.body.versions.map((v: { version: string }) => v.version)).toEqual([
      '1.28',
      '1.29',
      '1.30',
      '1.31',
      '1.32',
      '1.33',
      '1.34',
      '1.35',
      '1.36',
    ]);
  });

  it.each(FORMS)(
    'validate accepts %s (JSON body and query) and answers for 1.31',
    async (version) => {
      const json = await t.http
        .post('/v1/manifests/validate')
        .send({ manifest: MANIFEST, kubernetesVersion: version });
      expect(json.status).toBe(200);
      expect(
        json.body.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('api/')),
      ).toEqual([]);
      const raw = await t.http
        .post(`/v1/manifests/validate?kubernetesVersion=${version}`)
        .set('Content-Type', 'application/yaml')
        .send(MANIFEST);
      expect(raw.status).toBe(200);
      expect(
        raw.body.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('api/')),
      ).toEqual([]);
    },
  );

  it('validates by default for 1.36 and for 1.29 when asked (the same manifest, invalid there)', async () => {
    const latest = await t.http.post('/v1/manifests/validate').send({ manifest: MANIFEST });
    expect(
      latest.body.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('api/')),
    ).toEqual([]);
    const old = await t.http
      .post('/v1/manifests/validate')
      .send({ manifest: MANIFEST, kubernetesVersion: '1.29' });
    const [finding] = old.body.findings.filter(
      (f: { ruleId: string }) => f.ruleId === 'api/not-yet-available',
    );
    expect(finding).toMatchObject({
      severity: 'error',
      path: '/spec/trafficDistribution',
      range: { line: 7, column: 3, endLine: 7, endColumn: 22 },
    });
  });

  it.each(FORMS)('render and recommend accept %s', async (version) => {
    const render = await t.http
      .post('/v1/manifests/render')
      .send({ pattern: 'sidecar-proxy', name: 'web', kubernetesVersion: version });
    expect(render.status).toBe(200);
    expect(render.body.notes[0]).toMatch(/^Kubernetes 1\.31:/);
    const post = await t.http.post('/v1/recommendations').send({ kubernetesVersion: version });
    expect(post.status).toBe(200);
    expect(post.body.profile.kubernetesVersion).toBe('1.31');
    const get = await t.http.get(`/v1/recommendations?kubernetesVersion=${version}`);
    expect(get.status).toBe(200);
    expect(get.body.profile.kubernetesVersion).toBe('1.31');
  });

  it.each(['1.27', '1.37', '2.0', 'latest'])(
    'rejects %s with a 400 naming the supported range',
    async (version) => {
      const checks = [
        await t.http
          .post('/v1/manifests/validate')
          .send({ manifest: MANIFEST, kubernetesVersion: version }),
        await t.http
          .post(`/v1/manifests/validate?kubernetesVersion=${version}`)
          .set('Content-Type', 'application/yaml')
          .send(MANIFEST),
        await t.http
          .post('/v1/manifests/render')
          .send({ pattern: 'service-clusterip', name: 'web', kubernetesVersion: version }),
        await t.http.post('/v1/recommendations').send({ kubernetesVersion: version }),
        await t.http.get(`/v1/recommendations?kubernetesVersion=${version}`),
      ];
      for (const res of checks) {
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors).toContainEqual(
          expect.objectContaining({
            field: 'kubernetesVersion',
            message: expect.stringContaining(RANGE),
          }),
        );
      }
    },
  );

  it('chat accepts v1.31.4 and names the range for an unsupported release', async () => {
    const ask = (text: string) =>
      t.http
        .post('/v1/chatops/mattermost')
        .type('form')
        .send(
          new URLSearchParams({
            command: '/podwire',
            text,
            token: TOKEN,
            user_name: 'ada',
          }).toString(),
        );
    const good = await ask('recommend kubernetesVersion=v1.31.4');
    expect(good.status).toBe(200);
    expect(good.body.text).toMatch(/^\*\*podwire recommendation\*\*/);
    const bad = await ask('recommend kubernetesVersion=1.27');
    expect(bad.status).toBe(200);
    expect(bad.body.text).toContain(RANGE);
  });
});
