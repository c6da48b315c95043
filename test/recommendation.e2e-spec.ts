import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/catalog/catalog.js';
import { recommend } from '../src/recommendation/domain/rank.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { profileArb } from './recommendation-arbitraries.js';

type Option = {
  rank: number;
  pattern: string;
  score: number;
  render: Record<string, unknown>;
  breakdown: Array<{ contribution: number }>;
  adjustments: Array<{ points: number; name: string }>;
  cautions: string[];
};
type Body = {
  options: Option[];
  excluded: Array<{ pattern: string; reasons: string[] }>;
  profile: Record<string, unknown>;
};

/** The dotted query string for a nested profile, as a chat link would carry it. */
function toQuery(profile: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(profile).flatMap(([k, v]) =>
    v !== null && typeof v === 'object'
      ? toQuery(v as Record<string, unknown>, `${prefix}${k}.`)
      : [`${encodeURIComponent(prefix + k)}=${encodeURIComponent(String(v))}`],
  );
}

describe('recommendations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  const acceptance: Array<[string, Record<string, unknown>, string]> = [
    [
      'two processes in one Pod handing large files to each other',
      { placement: 'same-pod', interaction: 'file-exchange', dataVolume: 'bulk' },
      'shared-volume-disk',
    ],
    [
      'independently scaled services doing request/response',
      { placement: 'separate-pods', interaction: 'request-response' },
      'service-clusterip',
    ],
    [
      'zero trust across Pods with Linkerd',
      {
        placement: 'separate-pods',
        security: 'zero-trust',
        encryptionInTransit: true,
        capabilities: { mesh: 'linkerd' },
      },
      'service-mesh',
    ],
    ['stateful peers', { workload: 'stateful', placement: 'separate-pods' }, 'service-headless'],
  ];

  it.each(acceptance)('%s → top option (POST and GET agree)', async (_name, profile, top) => {
    const post = await t.http.post('/v1/recommendations').send(profile);
    expect(post.status).toBe(200);
    expect((post.body as Body).options[0].pattern).toBe(top);
    const get = await t.http.get(`/v1/recommendations?${toQuery(profile).join('&')}`);
    expect(get.status).toBe(200);
    expect(get.body).toEqual(post.body);
  });

  it('same profile, same answer: POST body and GET query agree for random profiles', async () => {
    await fc.assert(
      fc.asyncProperty(profileArb, async (profile) => {
        const post = await t.http.post('/v1/recommendations').send(profile);
        const get = await t.http.get(`/v1/recommendations?${toQuery(profile).join('&')}`);
        expect(post.status).toBe(200);
        expect(get.status).toBe(200);
        expect(get.text).toBe(post.text);
      }),
      { numRuns: 40 },
    );
  });

  it('serves remembered answers that equal a fresh ranking, kept apart per media type', async () => {
    const catalog = loadCatalog();
    await fc.assert(
      fc.asyncProperty(profileArb, async (profile) => {
        const fresh = JSON.parse(JSON.stringify(recommend(profile, catalog))) as unknown;
        for (let ask = 0; ask < 2; ask++) {
          const json = await t.http.post('/v1/recommendations').send(profile);
          expect(json.status).toBe(200);
          expect(json.body).toEqual(fresh);
          const markdown = await t.http
            .post('/v1/recommendations')
            .set('Accept', 'text/markdown')
            .send(profile);
          expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
          expect(markdown.text).toMatch(/^\*\*/);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('fills defaults and ranks for an empty body, with exact score arithmetic', async () => {
    const res = await t.http.post('/v1/recommendations').send({});
    expect(res.status).toBe(200);
    const body = res.body as Body;
    expect(body.profile).toMatchObject({
      placement: 'either',
      kubernetesVersion: '1.36',
      limit: 3,
      capabilities: { mesh: 'none' },
    });
    expect(body.options.map((o) => o.rank)).toEqual([1, 2, 3]);
    for (const o of body.options) {
      const sum =
        o.breakdown.reduce((s, b) => s + b.contribution * 10, 0) +
        o.adjustments.reduce((s, a) => s + a.points * 10, 0);
      expect(Math.round(sum)).toBe(Math.round(o.score * 10));
    }
  });

  // Issue 16, first list, bullet 3: bulk files between a batch job and a post-processor, no RWX.
  it('puts object-storage on top for an ML batch job handing 50 GB files on, not ClusterIP, and its render body renders', async () => {
    const profile = {
      placement: 'separate-pods',
      interaction: 'file-exchange',
      dataVolume: 'bulk',
      durability: 'persistent',
      workload: 'job',
      capabilities: { rwxStorage: false },
    };
    const res = await t.http.post('/v1/recommendations').send(profile);
    expect(res.status).toBe(200);
    const [top, ...rest] = (res.body as Body).options;
    expect(top.pattern).toBe('object-storage');
    expect(rest.map((o) => o.pattern)).toContain('service-clusterip');
    expect(top.score).toBeGreaterThan(rest.find((o) => o.pattern === 'service-clusterip')!.score);
    const rendered = await t.http.post('/v1/manifests/render').send(top.render);
    expect(rendered.status).toBe(200);
    const kinds = (rendered.body as { objects: Array<{ kind: string }> }).objects.map(
      (o) => o.kind,
    );
    expect(kinds).toContain('PersistentVolumeClaim');
    expect(kinds.filter((k) => k === 'Job').length).toBeGreaterThanOrEqual(2);
  });

  // Issue 16, first list, bullet 4: what a team could add or do differently is a penalty.
  it('softens exclusions: broker podwire renders, ReadWriteOnce hand-off, application TLS — each ranked with a caution', async () => {
    const rank = async (profile: Record<string, unknown>) => {
      const res = await t.http.post('/v1/recommendations').send({ ...profile, limit: 12 });
      expect(res.status).toBe(200);
      return res.body as Body;
    };
    const events = await rank({ interaction: 'events', capabilities: { broker: false } });
    const broker = events.options.find((o) => o.pattern === 'message-broker');
    expect(broker?.adjustments.map((a) => a.name)).toContain('broker-to-run');
    expect(broker?.cautions.join(' ')).toContain('the render deploys a one-replica NATS JetStream');

    const handOff = await rank({ interaction: 'file-exchange', workload: 'job' });
    const pvc = handOff.options.find((o) => o.pattern === 'shared-pvc');
    expect(pvc?.cautions.join(' ')).toContain('attaches to one node at a time');
    // …and its render body renders that: a ReadWriteOnce claim, every pod required onto one node.
    expect((pvc?.render as { options?: Record<string, unknown> }).options?.accessMode).toBe(
      'ReadWriteOnce',
    );
    const rendered = await t.http.post('/v1/manifests/render').send(pvc?.render);
    expect(rendered.status).toBe(200);
    const objects = rendered.body.objects as Array<Record<string, any>>;
    const claim = objects.find((o) => o.kind === 'PersistentVolumeClaim');
    expect(claim?.spec.accessModes).toEqual(['ReadWriteOnce']);
    const podSpecs = objects
      .filter((o) => o.kind === 'Job' || o.kind === 'Deployment')
      .map((o) => (o.kind === 'Job' ? o.spec.template.spec : o.spec.template.spec));
    expect(podSpecs).toHaveLength(2);
    for (const spec of podSpecs)
      expect(
        spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey,
      ).toBe('kubernetes.io/hostname');
    const checked = await t.http
      .post('/v1/manifests/validate')
      .send({ manifest: rendered.body.yaml, pattern: 'shared-pvc' });
    expect(checked.body.summary).toMatchObject({ errors: 0, warnings: 0 });
    // Concurrent use from several nodes stays impossible without RWX: an exclusion with reasons.
    const concurrent = await rank({ interaction: 'file-exchange', workload: 'service' });
    expect(
      concurrent.excluded.find((e) => e.pattern === 'shared-pvc')?.reasons.join(' '),
    ).toContain('capabilities.rwxStorage: false');

    const tls = await rank({ placement: 'separate-pods', encryptionInTransit: true });
    const svc = tls.options.find((o) => o.pattern === 'service-clusterip');
    expect(svc?.adjustments.map((a) => a.name)).toContain('application-tls');
    expect(svc?.cautions.join(' ')).toContain('the app must serve TLS');
    expect(tls.excluded.map((e) => e.pattern)).not.toContain('service-clusterip');
  });

  it('never ranks service-mesh for encryptionInTransit without a mesh, and says why', async () => {
    const res = await t.http
      .post('/v1/recommendations')
      .send({ encryptionInTransit: true, capabilities: { mesh: 'none' }, limit: 10 });
    const body = res.body as Body;
    expect(body.options.map((o) => o.pattern)).not.toContain('service-mesh');
    const mesh = body.excluded.find((e) => e.pattern === 'service-mesh');
    expect(mesh?.reasons.join(' ')).toContain('capabilities.mesh: none');
  });

  it('never recommends a classic sidecar for a Job: excluded before 1.29, native (Job, ≥ 1.29) after', async () => {
    const old = (
      await t.http
        .post('/v1/recommendations')
        .send({ workload: 'job', kubernetesVersion: '1.28', limit: 10 })
    ).body as Body;
    expect(old.options.map((o) => o.pattern)).not.toContain('sidecar-proxy');
    expect(old.excluded.find((e) => e.pattern === 'sidecar-proxy')?.reasons.join(' ')).toContain(
      'never completes',
    );
    const now = (
      await t.http
        .post('/v1/recommendations')
        .send({ workload: 'job', kubernetesVersion: '1.30', limit: 10 })
    ).body as Body;
    const sidecar = now.options.find((o) => o.pattern === 'sidecar-proxy');
    expect(sidecar?.render).toEqual({
      pattern: 'sidecar-proxy',
      name: 'app',
      kubernetesVersion: '1.30',
      workload: 'Job',
      options: { proxy: 'nginx' },
    });
  });

  it('answers Accept: text/markdown on POST and GET with the same short text', async () => {
    const profile = {
      placement: 'separate-pods',
      security: 'zero-trust',
      encryptionInTransit: true,
      capabilities: { mesh: 'linkerd' },
    };
    const post = await t.http
      .post('/v1/recommendations')
      .set('Accept', 'text/markdown')
      .send(profile);
    expect(post.status).toBe(200);
    expect(post.headers['content-type']).toMatch(/^text\/markdown/);
    expect(post.text.length).toBeLessThan(3000);
    expect(post.text).toContain('1. **service-mesh**');
    expect(post.text).toContain('**Excluded**');
    const get = await t.http
      .get(`/v1/recommendations?${toQuery(profile).join('&')}`)
      .set('Accept', 'text/markdown');
    expect(get.text).toBe(post.text);
  });

  it('keeps the markdown under 3,000 characters for the default limit whatever is excluded', async () => {
    const res = await t.http
      .get(
        '/v1/recommendations?placement=same-pod&durability=persistent&capabilities.windowsNodes=true&workload=job&kubernetesVersion=1.28',
      )
      .set('Accept', 'text/markdown');
    expect(res.status).toBe(200);
    expect(res.text.length).toBeLessThan(3000);
  });

  it('caches GET answers by ETag', async () => {
    const first = await t.http.get('/v1/recommendations?placement=separate-pods');
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const again = await t.http
      .get('/v1/recommendations?placement=separate-pods')
      .set('If-None-Match', first.headers.etag as string);
    expect(again.status).toBe(304);
  });

  it('rejects unknown fields and bad values with a 400 naming the field, identically for POST and GET', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ colour: 'blue' }, 'colour=blue', 'colour'],
      [{ capabilities: { mesh: 'consul' } }, 'capabilities.mesh=consul', 'capabilities.mesh'],
      [{ capabilities: { gpu: true } }, 'capabilities.gpu=true', 'capabilities.gpu'],
      [{ weights: { security: -1 } }, 'weights.security=-1', 'weights.security'],
      [{ kubernetesVersion: '1.27' }, 'kubernetesVersion=1.27', 'kubernetesVersion'],
      [{ limit: 0 }, 'limit=0', 'limit'],
    ];
    for (const [body, query, field] of cases) {
      const post = await t.http.post('/v1/recommendations').send(body);
      expect(post.status, field).toBe(400);
      const problem = JSON.parse(post.text);
      expect(problem.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      const get = await t.http.get(`/v1/recommendations?${query}`);
      expect(get.status, field).toBe(400);
      const getProblem = JSON.parse(get.text);
      expect({ ...getProblem, instance: undefined }).toEqual({ ...problem, instance: undefined });
    }
  });

  it('lists what is allowed for a bad enum value', async () => {
    const res = await t.http.get('/v1/recommendations?placement=anywhere');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).errors).toEqual([
      {
        field: 'placement',
        message: 'placement must be one of the following values: same-pod, separate-pods, either',
      },
    ]);
  });

  it('rejects a query parameter given twice', async () => {
    const res = await t.http.get('/v1/recommendations?placement=same-pod&placement=either');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).errors).toEqual([
      { field: 'placement', message: 'placement must be given only once' },
    ]);
  });

  it('rejects a body that is not JSON with 415', async () => {
    const res = await t.http
      .post('/v1/recommendations')
      .set('Content-Type', 'text/plain')
      .send('placement=same-pod');
    expect(res.status).toBe(415);
  });
});

describe('recommendations behind API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ API_KEYS: 'recommend-test-key' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('answers 401 without a key', async () => {
    expect((await t.http.get('/v1/recommendations')).status).toBe(401);
    expect((await t.http.post('/v1/recommendations').send({})).status).toBe(401);
    expect(
      (
        await t.http
          .post('/v1/recommendations')
          .set('Authorization', 'Bearer recommend-test-key')
          .send({})
      ).status,
    ).toBe(200);
  });
});

/** Issue 16, first list: the recommended option's render body renders what the advice promised. */
describe('advice that holds end to end', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  type Obj = {
    kind: string;
    metadata: { name: string; namespace?: string };
    spec?: any;
    data?: any;
  };
  const option = async (profile: Record<string, unknown>, pattern: string) => {
    const res = await t.http.post('/v1/recommendations').send({ ...profile, limit: 10 });
    expect(res.status).toBe(200);
    const found = (res.body as Body).options.find((o) => o.pattern === pattern);
    expect(found, `${pattern} is ranked`).toBeDefined();
    return found!;
  };
  /** Renders a body and validates its YAML at the body's release: clean, or the test fails. */
  const renderClean = async (body: Record<string, unknown>) => {
    const rendered = await t.http.post('/v1/manifests/render').send(body);
    expect(rendered.status).toBe(200);
    const validated = await t.http.post('/v1/manifests/validate').send({
      manifest: rendered.body.yaml,
      kubernetesVersion: body.kubernetesVersion,
      pattern: body.pattern,
    });
    expect(validated.status).toBe(200);
    expect(validated.body.summary).toMatchObject({ errors: 0, warnings: 0 });
    return rendered.body as { objects: Obj[]; notes: string[] };
  };

  it('zero trust with encryption and no mesh: the sidecar-proxy body terminates TLS from a Secret', async () => {
    const sidecar = await option(
      { placement: 'separate-pods', security: 'zero-trust', encryptionInTransit: true },
      'sidecar-proxy',
    );
    expect(sidecar.render.options).toMatchObject({ proxy: 'nginx', tls: {} });
    const { objects } = await renderClean(sidecar.render);
    const service = objects.find((o) => o.kind === 'Service')!;
    expect(service.spec.ports).toEqual([
      { name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' },
    ]);
    const config = objects.find((o) => o.kind === 'ConfigMap')!;
    expect(config.data['default.conf']).toMatch(
      /listen 8080 ssl;\n\s+ssl_certificate \/etc\/tls\/tls.crt;/,
    );
    const pod = objects.find((o) => o.kind === 'Deployment')!.spec.template.spec;
    const proxy = pod.initContainers[0];
    expect(proxy.volumeMounts).toContainEqual({
      name: 'tls',
      mountPath: '/etc/tls',
      readOnly: true,
    });
    const certificate = objects.find((o) => o.kind === 'Certificate')!;
    expect(pod.volumes).toContainEqual({
      name: 'tls',
      secret: { secretName: certificate.spec.secretName, defaultMode: 0o440 },
    });
  });

  it('options.tls with an issuer: a cert-manager Certificate from it, Envoy with a TLS transport socket', async () => {
    const { objects } = await renderClean({
      pattern: 'sidecar-proxy',
      name: 'web',
      namespace: 'shop',
      kubernetesVersion: '1.33',
      options: { proxy: 'envoy', tls: { issuer: { name: 'corp-ca', kind: 'ClusterIssuer' } } },
    });
    const certificate = objects.find((o) => o.kind === 'Certificate')!;
    expect(certificate.spec.issuerRef).toEqual({
      name: 'corp-ca',
      kind: 'ClusterIssuer',
      group: 'cert-manager.io',
    });
    expect(certificate.spec.dnsNames).toContain('web.shop.svc');
    expect(objects.some((o) => o.kind === 'Issuer')).toBe(false);
    const envoy = objects.find((o) => o.kind === 'ConfigMap')!.data['envoy.yaml'];
    expect(envoy).toContain('DownstreamTlsContext');
    expect(envoy).toContain('filename: /etc/tls/tls.key');
  });

  it('service-clusterip with application TLS mounts the certificate into the app and names the port https', async () => {
    const { objects } = await renderClean({
      pattern: 'service-clusterip',
      name: 'api',
      kubernetesVersion: '1.36',
      options: { tls: {} },
    });
    const app = objects.find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0];
    expect(app.volumeMounts).toContainEqual({ name: 'tls', mountPath: '/etc/tls', readOnly: true });
    expect(app.ports.map((p: { name: string }) => p.name)).toContain('https');
    expect(objects.find((o) => o.kind === 'Service')!.spec.ports[0].name).toBe('https');
  });

  it('a Secret of your own without an issuer: the notes say it must exist', async () => {
    const res = await t.http.post('/v1/manifests/render').send({
      pattern: 'sidecar-proxy',
      name: 'web',
      options: { tls: { secretName: 'web-cert' } },
    });
    expect(res.status).toBe(200);
    expect(res.body.objects.some((o: Obj) => o.kind === 'Certificate')).toBe(false);
    expect(res.body.notes.join('\n')).toContain('The Secret web-cert is not part of this bundle');
  });

  it('bulk files in a Job: the volume is sized for them and every container finishes', async () => {
    const disk = await option(
      { placement: 'same-pod', interaction: 'file-exchange', dataVolume: 'bulk', workload: 'job' },
      'shared-volume-disk',
    );
    expect(disk.render).toMatchObject({ workload: 'Job', options: { sizeLimit: '100Gi' } });
    const { objects } = await renderClean(disk.render);
    const job = objects.find((o) => o.kind === 'Job')!;
    expect(job.spec).toMatchObject({
      backoffLimit: 3,
      activeDeadlineSeconds: 600,
      ttlSecondsAfterFinished: 3600,
    });
    const pod = job.spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'shared', emptyDir: { sizeLimit: '100Gi' } });
    for (const c of pod.containers) {
      const script = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
      expect(script).toMatch(/timeout \d+|exit 0/);
      expect(script).not.toContain('while true');
    }
  });

  it('a ClusterIP Job: the server is a Deployment behind the Service, the Job is its client', async () => {
    const clusterip = await option({ workload: 'job' }, 'service-clusterip');
    const { objects } = await renderClean(clusterip.render);
    const service = objects.find((o) => o.kind === 'Service')!;
    const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
    expect(byKind('Deployment').map((o) => o.metadata.name)).toEqual(['app']);
    const job = byKind('Job')[0];
    expect(job.metadata.name).toBe('app-client');
    const jobLabels = job.spec.template.metadata.labels;
    const selected = Object.entries(service.spec.selector).every(([k, v]) => jobLabels[k] === v);
    expect(selected).toBe(false);
  });

  it('the profile names the target and its callers: the NetworkPolicy admits exactly them', async () => {
    const profile = {
      placement: 'separate-pods',
      name: 'orders',
      namespace: 'shop',
      kubernetesVersion: '1.34',
      callers: [
        { namespace: 'front', podLabels: { app: 'ui' } },
        { podLabels: { app: 'worker' } },
        { serviceAccount: 'billing' },
      ],
    };
    const clusterip = await option(profile, 'service-clusterip');
    expect(clusterip.render).toMatchObject({
      name: 'orders',
      namespace: 'shop',
      kubernetesVersion: '1.34',
      options: { callers: profile.callers },
    });
    const rendered = await renderClean(clusterip.render);
    for (const o of rendered.objects) expect(o.metadata.namespace).toBe('shop');
    const policy = rendered.objects.find((o) => o.kind === 'NetworkPolicy')!;
    expect(policy.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'front' } },
            podSelector: { matchLabels: { app: 'ui' } },
          },
          { podSelector: { matchLabels: { app: 'worker' } } },
        ],
        ports: [{ protocol: 'TCP', port: 'http' }],
      },
    ]);
    expect(rendered.notes.join('\n')).toContain(
      'A NetworkPolicy cannot select a ServiceAccount: billing',
    );
    const account = rendered.objects.find((o) => o.kind === 'ServiceAccount')!;
    expect(account).toMatchObject({
      metadata: { name: 'orders' },
      automountServiceAccountToken: false,
    });
    expect(
      rendered.objects.find((o) => o.kind === 'Deployment')!.spec.template.spec.serviceAccountName,
    ).toBe('orders');
  });

  it('a caller entry that names nobody is a 400 naming the field, in the profile and in render', async () => {
    const rec = await t.http.post('/v1/recommendations').send({ callers: [{}] });
    expect(rec.status).toBe(400);
    expect(JSON.stringify(rec.body.errors)).toContain('callers');
    const ren = await t.http
      .post('/v1/manifests/render')
      .send({ pattern: 'service-clusterip', name: 'web', options: { callers: [{}] } });
    expect(ren.status).toBe(400);
    expect(JSON.stringify(ren.body.errors)).toContain('options.callers');
  });
});
