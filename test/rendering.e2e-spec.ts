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

  describe('service-mesh zero trust (issue 16 mesh bullet, issue 17 item 3)', () => {
    const callers = [{ namespace: 'front', serviceAccount: 'frontend' }, { namespace: 'batch' }];

    it.each(['istio', 'istio-ambient'] as const)(
      '%s: no Namespace, own ServiceAccounts, an AuthorizationPolicy admitting only the callers, valid at 1.28 and 1.36',
      async (mesh) => {
        for (const kubernetesVersion of ['1.28', '1.36']) {
          const request = {
            pattern: 'service-mesh',
            name: 'web',
            namespace: 'shop',
            kubernetesVersion,
            options: { mesh, callers },
          };
          const res = await t.http.post(RENDER).send(request);
          expect(res.status).toBe(200);
          const body = res.body as Result;
          expect(body.objects.filter((o) => o.kind === 'Namespace')).toEqual([]);
          const app = workloadOf(body).spec.template.spec;
          expect(app.serviceAccountName).toBe('web');
          expect(app.automountServiceAccountToken).toBe(false);
          const account = body.objects.find((o) => o.kind === 'ServiceAccount') as any;
          expect([account.metadata.name, account.automountServiceAccountToken]).toEqual([
            'web',
            false,
          ]);
          const policies = body.objects.filter((o) => o.kind === 'AuthorizationPolicy');
          expect(policies).toHaveLength(1);
          expect(policies[0].apiVersion).toBe('security.istio.io/v1');
          expect(policies[0].spec.action).toBe('ALLOW');
          expect(policies[0].spec.rules[0].from).toEqual([
            { source: { principals: ['cluster.local/ns/front/sa/frontend'] } },
            { source: { namespaces: ['batch'] } },
          ]);
          const validated = await t.http
            .post(
              `/v1/manifests/validate?pattern=service-mesh&kubernetesVersion=${kubernetesVersion}`,
            )
            .set('Content-Type', 'application/yaml')
            .send(body.yaml);
          expect(validated.status).toBe(200);
          expect(validated.body.summary).toMatchObject({ errors: 0, warnings: 0 });
        }
      },
    );

    it('linkerd: a deny-by-default Server whose AuthorizationPolicy admits only the callers', async () => {
      const res = await t.http.post(RENDER).send({
        pattern: 'service-mesh',
        name: 'web',
        namespace: 'shop',
        options: { mesh: 'linkerd', callers },
      });
      expect(res.status).toBe(200);
      const body = res.body as Result;
      expect(body.objects.filter((o) => o.kind === 'Namespace')).toEqual([]);
      const server = body.objects.find((o) => o.kind === 'Server');
      expect(server?.spec).toMatchObject({ port: 'http', accessPolicy: 'deny' });
      const authn = body.objects.find((o) => o.kind === 'MeshTLSAuthentication');
      expect(authn?.spec.identityRefs).toEqual([
        { kind: 'ServiceAccount', name: 'frontend', namespace: 'front' },
        { kind: 'ServiceAccount', namespace: 'batch' },
      ]);
      const authz = body.objects.find((o) => o.kind === 'AuthorizationPolicy');
      expect(authz?.spec.targetRef).toEqual({
        group: 'policy.linkerd.io',
        kind: 'Server',
        name: 'web',
      });
      const service = body.objects.find((o) => o.kind === 'Service');
      expect(service?.spec.ports[0].appProtocol).toBe('http');
    });

    it('without callers the peer is the only caller, and createNamespace brings the labelled Namespace', async () => {
      const res = await t.http.post(RENDER).send({
        pattern: 'service-mesh',
        name: 'web',
        namespace: 'shop',
        options: { mesh: 'istio', createNamespace: true },
      });
      expect(res.status).toBe(200);
      const body = res.body as Result;
      const ns = body.objects.find((o) => o.kind === 'Namespace') as any;
      expect(ns.metadata).toEqual({ name: 'shop', labels: { 'istio-injection': 'enabled' } });
      expect(
        body.objects.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata.name),
      ).toEqual(['web', 'web-peer']);
      const policy = body.objects.find((o) => o.kind === 'AuthorizationPolicy');
      expect(policy?.spec.rules[0].from).toEqual([
        { source: { principals: ['cluster.local/ns/shop/sa/web-peer'] } },
      ]);
    });

    it('options.route adds a GAMMA HTTPRoute that validates clean', async () => {
      const rendered = await t.http
        .post(RENDER)
        .set('Accept', 'application/yaml')
        .send({
          pattern: 'service-mesh',
          name: 'web',
          namespace: 'shop',
          options: { mesh: 'linkerd', route: { timeout: '10s', retries: { attempts: 2 } } },
        });
      expect(rendered.status).toBe(200);
      const route = parseAllDocuments(rendered.text)
        .map((d) => d.toJS())
        .find((o) => o.kind === 'HTTPRoute');
      expect(route.spec.parentRefs).toEqual([
        { group: '', kind: 'Service', name: 'web', port: 80 },
      ]);
      expect(route.metadata.annotations['retry.linkerd.io/limit']).toBe('2');
      const res = await t.http
        .post('/v1/manifests/validate?pattern=service-mesh')
        .set('Content-Type', 'application/yaml')
        .send(rendered.text);
      expect(res.status).toBe(200);
      expect(res.body.summary).toMatchObject({ errors: 0, warnings: 0 });
    });
  });

  it('Accept: text/markdown returns a chat summary with the YAML', async () => {
    const res = await t.http
      .post(RENDER)
      .set('Accept', 'text/markdown')
      .send({ pattern: 'unix-socket', name: 'web' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/markdown/);
    expect(res.text).toContain(
      '**unix-socket**: ServiceAccount/web, Deployment/web, NetworkPolicy/web',
    );
    expect(res.text).toContain('```yaml\napiVersion: v1\nkind: ServiceAccount');
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
      { pattern: 'sidecar-proxy', name: 'web', options: { proxy: 'nginx', colour: 'blue' } },
      'options.colour',
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
      'an options.gateway without a name',
      { pattern: 'service-clusterip', name: 'web', options: { gateway: { namespace: 'infra' } } },
      'options.gateway.name',
      'DNS-1123 subdomain',
    ],
    [
      'a route timeout that is not a duration',
      { pattern: 'service-mesh', name: 'web', options: { route: { timeout: '10 seconds' } } },
      'options.route.timeout',
      'Gateway API duration',
    ],
    [
      'zero retry attempts',
      { pattern: 'service-mesh', name: 'web', options: { route: { retries: { attempts: 0 } } } },
      'options.route.retries.attempts',
      '1 to 10',
    ],
    [
      'createNamespace without a namespace',
      { pattern: 'service-mesh', name: 'web', options: { createNamespace: true } },
      'options.createNamespace',
      'needs namespace',
    ],
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

  it('options.gateway adds an HTTPRoute to the Service that validates clean (the Gateway lives elsewhere: info only)', async () => {
    for (const pattern of ['service-clusterip', 'sidecar-proxy'] as const) {
      const res = await t.http.post(RENDER).send({
        pattern,
        name: 'web',
        namespace: 'shop',
        options: { gateway: { name: 'public', namespace: 'infra', sectionName: 'https' } },
      });
      expect(res.status).toBe(200);
      const body = res.body as Result;
      const route = body.objects.find((o) => o.kind === 'HTTPRoute');
      expect(route?.apiVersion).toBe('gateway.networking.k8s.io/v1');
      expect(route?.spec).toEqual({
        parentRefs: [{ name: 'public', namespace: 'infra', sectionName: 'https' }],
        rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
      });
      expect(body.notes.some((n) => n.includes('allowedRoutes'))).toBe(true);
      const validated = await t.http
        .post(`/v1/manifests/validate?pattern=${pattern}`)
        .set('Content-Type', 'application/yaml')
        .send(body.yaml);
      expect(validated.status).toBe(200);
      expect(validated.body.summary).toMatchObject({ errors: 0, warnings: 0 });
      expect(
        validated.body.findings
          .filter((f: { ruleId: string }) => f.ruleId.startsWith('route/'))
          .map((f: { ruleId: string; severity: string }) => [f.ruleId, f.severity]),
      ).toEqual([['route/parent-unresolved', 'info']]);
    }
  });

  it('options.gateway is ignored with a note by a pattern that does not take it', async () => {
    const res = await t.http.post(RENDER).send({
      pattern: 'service-headless',
      name: 'web',
      options: { gateway: { name: 'public' } },
    });
    expect(res.status).toBe(200);
    expect((res.body as Result).objects.some((o) => o.kind === 'HTTPRoute')).toBe(false);
    expect((res.body as Result).notes).toContain(
      'options gateway does not apply to service-headless and is ignored.',
    );
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

  it('a sidecar-proxy Job at 1.29: the proxied app is a Deployment with a native sidecar, the Job its client', async () => {
    const res = await t.http.post(RENDER).send({
      pattern: 'sidecar-proxy',
      name: 'batch',
      workload: 'Job',
      kubernetesVersion: '1.29',
    });
    expect(res.status).toBe(200);
    const spec = workloadOf(res.body, 'Job').spec.template.spec;
    expect(spec.restartPolicy).toBe('OnFailure');
    expect(spec.containers.map((c: { name: string }) => c.name)).toEqual(['client']);
    const server = workloadOf(res.body, 'Deployment').spec.template.spec;
    expect(server.initContainers[0]).toMatchObject({ name: 'proxy', restartPolicy: 'Always' });
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
