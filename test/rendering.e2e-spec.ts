import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATTERN_IDS } from '../src/rendering/renderers/types.js';
import { validateManifest } from '../src/validation/engine/validate.js';
import { createTestApp, type TestApp } from './helpers/app.js';

type K8s = { apiVersion: string; kind: string; metadata: { name: string }; spec?: any };
type Result = { pattern: string; objects: K8s[]; yaml: string; notes: string[] };
type Problem = {
  status: number;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
};

const RENDER = '/v1/manifests/render';

function workloadOf(body: Result, kind = 'Deployment'): any {
  return body.objects.find((o) => o.kind === kind);
}

describe('POST /v1/manifests/render', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it.each(PATTERN_IDS)('%s renders from pattern and name alone', async (pattern) => {
    const res = await t.http.post(RENDER).send({ pattern, name: 'web' });
    expect(res.status).toBe(200);
    const body = res.body as Result;
    expect(body.pattern).toBe(pattern);
    expect(body.objects.length).toBeGreaterThan(1);
    expect(body.notes.length).toBeGreaterThan(0);
    // The yaml field is exactly the objects, one document each, without anchors.
    const docs = parseAllDocuments(body.yaml).map((d) => d.toJS());
    expect(docs).toEqual(body.objects);
    expect(body.yaml).not.toMatch(/[&*]a\d/);
  });

  it('sidecar-proxy at 1.34: the proxy is a native sidecar in initContainers', async () => {
    const res = await t.http
      .post(RENDER)
      .send({ pattern: 'sidecar-proxy', name: 'web', kubernetesVersion: '1.34' });
    expect(res.status).toBe(200);
    const spec = workloadOf(res.body).spec.template.spec;
    expect(spec.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([
      ['proxy', 'Always'],
    ]);
    expect(spec.containers.map((c: any) => c.name)).toEqual(['app']);
    const service = (res.body as Result).objects.find((o) => o.kind === 'Service');
    expect(service?.spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
    ]);
    expect(spec.initContainers[0].ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
    ]);
    expect(
      workloadOf(res.body).spec.template.metadata.annotations['podwire.dev/config-checksum'],
    ).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('sidecar-proxy at 1.28: the proxy is a regular container and the notes say why', async () => {
    const res = await t.http
      .post(RENDER)
      .send({ pattern: 'sidecar-proxy', name: 'web', kubernetesVersion: '1.28' });
    expect(res.status).toBe(200);
    const spec = workloadOf(res.body).spec.template.spec;
    expect(spec.initContainers).toBeUndefined();
    expect(spec.containers.map((c: any) => c.name)).toEqual(['app', 'proxy']);
    expect(spec.containers[1].restartPolicy).toBeUndefined();
    expect((res.body as Result).notes.join('\n')).toMatch(
      /native sidecars are alpha and off by default before 1\.29/,
    );
  });

  it('sidecar-proxy with Envoy: admin on 127.0.0.1, upstream on the app port', async () => {
    const res = await t.http.post(RENDER).send({
      pattern: 'sidecar-proxy',
      name: 'web',
      options: { proxy: 'envoy', proxyPort: 8443 },
    });
    expect(res.status).toBe(200);
    const config = (res.body as Result).objects.find((o) => o.kind === 'ConfigMap') as any;
    const envoy = parseAllDocuments(config.data['envoy.yaml'])[0].toJS();
    expect(envoy.admin.address.socket_address.address).toBe('127.0.0.1');
    expect(envoy.static_resources.listeners[0].address.socket_address.port_value).toBe(8443);
    expect(
      envoy.static_resources.clusters[0].load_assignment.endpoints[0].lb_endpoints[0].endpoint
        .address,
    ).toEqual({
      socket_address: { address: '127.0.0.1', port_value: 9898 },
    });
  });

  it('Accept: application/yaml returns the manifests, which the validator accepts without errors or warnings', async () => {
    for (const pattern of PATTERN_IDS) {
      const res = await t.http
        .post(RENDER)
        .set('Accept', 'application/yaml')
        .send({ pattern, name: 'web', namespace: 'shop' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/yaml/);
      expect(res.text).toMatch(/^# /);
      const result = validateManifest(res.text, { pattern });
      expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      expect(result.valid).toBe(true);
      expect(result.patterns.map((p) => p.pattern)).toContain(pattern);
    }
  });

  it('the YAML goes straight into POST /v1/manifests/validate and comes back valid, no errors or warnings', async () => {
    for (const [pattern, kubernetesVersion] of [
      ['sidecar-proxy', '1.28'],
      ['sidecar-proxy', '1.34'],
      ['message-broker', '1.31'],
      ['service-mesh', '1.34'],
    ] as const) {
      const rendered = await t.http
        .post(RENDER)
        .set('Accept', 'application/yaml')
        .send({ pattern, name: 'web', kubernetesVersion });
      expect(rendered.status).toBe(200);
      const res = await t.http
        .post(`/v1/manifests/validate?pattern=${pattern}&kubernetesVersion=${kubernetesVersion}`)
        .set('Content-Type', 'application/yaml')
        .send(rendered.text);
      expect(res.status).toBe(200);
      expect(res.body.valid).toBe(true);
      expect(res.body.summary).toMatchObject({ errors: 0, warnings: 0 });
      expect(res.body.patterns.map((p: { pattern: string }) => p.pattern)).toContain(pattern);
    }
  });

  it('Accept: text/markdown returns a chat summary with the YAML', async () => {
    const res = await t.http
      .post(RENDER)
      .set('Accept', 'text/markdown')
      .send({ pattern: 'unix-socket', name: 'web' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/markdown/);
    expect(res.text).toContain('**unix-socket**: Deployment/web, NetworkPolicy/web');
    expect(res.text).toContain('```yaml\napiVersion: apps/v1');
  });

  it.each([
    [
      'an unknown field',
      { pattern: 'service-clusterip', name: 'web', colour: 'blue' },
      'colour',
      'unknown field',
    ],
    [
      'an unknown nested field',
      { pattern: 'sidecar-proxy', name: 'web', options: { proxy: 'nginx', tls: true } },
      'options.tls',
      'unknown field',
    ],
    ['a bad name', { pattern: 'service-clusterip', name: 'Web_1' }, 'name', 'DNS-1123 label'],
    [
      'port 70000',
      { pattern: 'service-clusterip', name: 'web', containers: { app: { port: 70000 } } },
      'containers.app.port',
      '1 to 65535',
    ],
    [
      'an Istio-reserved port',
      { pattern: 'service-mesh', name: 'web', containers: { app: { port: 15006 } } },
      'containers.app.port',
      'reserved',
    ],
    [
      'a :latest image',
      { pattern: 'service-clusterip', name: 'web', containers: { app: { image: 'nginx:latest' } } },
      'containers.app.image',
      'version tag',
    ],
    [
      'a millibyte memory quantity',
      {
        pattern: 'service-clusterip',
        name: 'web',
        containers: { app: { resources: { limits: { memory: '400m' } } } },
      },
      'containers.app.resources.limits.memory',
      'millibytes',
    ],
    [
      'an unknown pattern',
      { pattern: 'carrier-pigeon', name: 'web' },
      'pattern',
      'pattern must be one of',
    ],
    ['a missing name', { pattern: 'service-clusterip' }, 'name', 'name'],
    [
      'a mount path over /tmp',
      { pattern: 'shared-volume-disk', name: 'web', options: { mountPath: '/tmp' } },
      'options.mountPath',
      'absolute path',
    ],
  ])('400 for %s, naming the field', async (_case, body, field, message) => {
    const res = await t.http.post(RENDER).send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.body as Problem;
    expect(problem.errors?.map((e) => e.field)).toContain(field);
    expect(problem.errors?.find((e) => e.field === field)?.message).toContain(message);
  });

  it('400 when two containers of the pod would bind the same port', async () => {
    const res = await t.http.post(RENDER).send({
      pattern: 'sidecar-proxy',
      name: 'web',
      containers: { app: { port: 8443 } },
      options: { proxyPort: 8443 },
    });
    expect(res.status).toBe(400);
    expect((res.body as Problem).errors).toEqual([
      {
        field: 'options.proxyPort',
        message:
          'must differ from containers.app.port (8443): containers of one pod share one port space',
      },
    ]);
  });

  it('object-storage: external needs an endpoint (400 naming it); with one, no MinIO and the Secret referenced', async () => {
    const missing = await t.http.post(RENDER).send({
      pattern: 'object-storage',
      name: 'etl',
      options: { objectStorage: { mode: 'external' } },
    });
    expect(missing.status).toBe(400);
    expect((missing.body as Problem).errors?.[0].field).toBe('options.objectStorage.endpoint');
    const bad = await t.http.post(RENDER).send({
      pattern: 'object-storage',
      name: 'etl',
      options: { objectStorage: { bucket: 'No_Such' } },
    });
    expect(bad.status).toBe(400);
    expect((bad.body as Problem).errors?.map((e) => e.field)).toContain(
      'options.objectStorage.bucket',
    );
    const ok = await t.http.post(RENDER).send({
      pattern: 'object-storage',
      name: 'etl',
      options: {
        objectStorage: {
          mode: 'external',
          endpoint: 'https://s3.eu-west-1.amazonaws.com',
          bucket: 'etl-hand-off',
          credentialsSecret: 'etl-s3',
        },
      },
    });
    expect(ok.status).toBe(200);
    const body = ok.body as { yaml: string; notes: string[] };
    expect(body.yaml).not.toContain('minio/minio');
    expect(body.yaml).toContain('https://s3.eu-west-1.amazonaws.com');
    expect(body.yaml).toContain('name: etl-s3');
    expect(body.notes.join(' ')).toContain('reference/secret-missing');
  });

  it('400 when a memory limit leaves no room for the tmpfs', async () => {
    const res = await t.http.post(RENDER).send({
      pattern: 'shared-volume-memory',
      name: 'web',
      containers: { app: { resources: { limits: { memory: '128Mi' } } } },
      options: { sizeLimit: '256Mi' },
    });
    expect(res.status).toBe(400);
    expect((res.body as Problem).errors?.[0].field).toBe('containers.app.resources.limits.memory');
  });

  it('422 for a sidecar-proxy Job below 1.29, explaining why', async () => {
    const res = await t.http.post(RENDER).send({
      pattern: 'sidecar-proxy',
      name: 'batch',
      workload: 'Job',
      kubernetesVersion: '1.28',
    });
    expect(res.status).toBe(422);
    expect((res.body as Problem).detail).toMatch(/never exits, so the Job would never complete/);
    expect((res.body as Problem).errors).toEqual([
      { field: 'kubernetesVersion', message: 'must be 1.29 or later for a sidecar-proxy Job' },
    ]);
  });

  it('a sidecar-proxy Job at 1.29 renders with a native sidecar', async () => {
    const res = await t.http.post(RENDER).send({
      pattern: 'sidecar-proxy',
      name: 'batch',
      workload: 'Job',
      kubernetesVersion: '1.29',
    });
    expect(res.status).toBe(200);
    const spec = workloadOf(res.body, 'Job').spec.template.spec;
    expect(spec.restartPolicy).toBe('OnFailure');
    expect(spec.initContainers[0].restartPolicy).toBe('Always');
  });

  it('415 for a body that is not JSON', async () => {
    const res = await t.http
      .post(RENDER)
      .set('Content-Type', 'text/plain')
      .send('pattern: service-clusterip');
    expect(res.status).toBe(415);
  });
});

describe('POST /v1/manifests/render behind API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ API_KEYS: 'render-test-key' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('answers 401 without a key and 200 with one', async () => {
    expect((await t.http.post(RENDER).send({ pattern: 'pod-localhost', name: 'web' })).status).toBe(
      401,
    );
    const ok = await t.http
      .post(RENDER)
      .set('Authorization', 'Bearer render-test-key')
      .send({ pattern: 'pod-localhost', name: 'web' });
    expect(ok.status).toBe(200);
  });
});
