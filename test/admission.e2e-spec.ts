import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

const UID = '705ab4f5-6393-11e8-b7cc-42010a800002';

/** A Deployment whose two containers both declare 8080/TCP, as the API server sends it. */
function portConflictDeployment(): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'shop',
      uid: '4b0e3b4e-2f7c-4d0a-9f57-7d5b4c1f2a10',
      generation: 1,
      creationTimestamp: null,
      managedFields: [
        {
          manager: 'kubectl',
          operation: 'Update',
          apiVersion: 'apps/v1',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:spec': { 'f:replicas': {} } },
        },
      ],
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' }, creationTimestamp: null },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'ghcr.io/acme/app:1.4.2',
              ports: [{ containerPort: 8080, protocol: 'TCP' }],
            },
            {
              name: 'metrics',
              image: 'ghcr.io/acme/exporter:0.9.1',
              ports: [{ containerPort: 8080, protocol: 'TCP' }],
            },
          ],
        },
      },
    },
    status: {},
  };
}

function review(request: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: UID,
      kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      resource: { group: 'apps', version: 'v1', resource: 'deployments' },
      requestKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      requestResource: { group: 'apps', version: 'v1', resource: 'deployments' },
      name: 'web',
      namespace: 'shop',
      operation: 'CREATE',
      userInfo: {
        username: 'jane',
        uid: '42',
        groups: ['system:authenticated'],
        extra: { 'scopes.example.com': ['a'] },
      },
      object: portConflictDeployment(),
      oldObject: null,
      dryRun: false,
      options: {
        apiVersion: 'meta.k8s.io/v1',
        kind: 'CreateOptions',
        fieldManager: 'kubectl-client-side-apply',
      },
      ...request,
    },
  };
}

describe('POST /v1/admission', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ADMISSION_MODE: 'enforce' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('enforce: denies a Deployment with a port conflict, naming the finding, and echoes the uid', async () => {
    const res = await t.http.post('/v1/admission').send(review({}));
    expect(res.status).toBe(200);
    expect(res.body.apiVersion).toBe('admission.k8s.io/v1');
    expect(res.body.kind).toBe('AdmissionReview');
    const { response } = res.body;
    expect(response.uid).toBe(UID);
    expect(response.allowed).toBe(false);
    expect(response.status.code).toBe(400);
    const lines = (response.status.message as string).split('\n');
    expect(lines[0]).toBe('podwire denied Deployment shop/web: 1 error');
    expect(lines[1]).toMatch(
      /^- pod\/port-conflict at spec\.template\.spec\.containers\[1\]\.ports\[0\]\.containerPort: containerPort 8080\/TCP is declared by containers "app" and "metrics"/,
    );
    // Listed once: kubectl prints status.message and the warnings both.
    expect(
      (response.warnings as string[]).filter((w) => w.startsWith('pod/port-conflict')),
    ).toEqual([]);
    expect(response.auditAnnotations).toMatchObject({
      mode: 'enforce',
      decision: 'denied',
      'error-rules': 'pod/port-conflict',
    });
  });

  it('warn (query parameter): allows the same Deployment with the finding in warnings', async () => {
    const res = await t.http.post('/v1/admission?mode=warn').send(review({}));
    expect(res.status).toBe(200);
    const { response } = res.body;
    expect(response.uid).toBe(UID);
    expect(response.allowed).toBe(true);
    expect(response.status).toBeUndefined();
    // The rule id and the message first, the field path (its end, when long) last.
    expect(response.warnings).toContainEqual(
      expect.stringMatching(
        /^pod\/port-conflict \(error\): containerPort 8080\/TCP is declared by containers "app" and .* \(at ….*ports\[0\]\.containerPort\)$/,
      ),
    );
    for (const warning of response.warnings as string[])
      expect([...warning].length).toBeLessThanOrEqual(120);
    expect(Buffer.byteLength((response.warnings as string[]).join(''), 'utf8')).toBeLessThan(4096);
  });

  it('handles dryRun requests the same way', async () => {
    const res = await t.http.post('/v1/admission').send(review({ dryRun: true }));
    expect(res.body.response).toMatchObject({ uid: UID, allowed: false, status: { code: 400 } });
  });

  it('allows DELETE untouched', async () => {
    const res = await t.http.post('/v1/admission').send(
      review({
        operation: 'DELETE',
        object: null,
        oldObject: portConflictDeployment(),
        options: { kind: 'DeleteOptions', apiVersion: 'meta.k8s.io/v1' },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.response).toEqual({ uid: UID, allowed: true });
  });

  it('validates UPDATE against the new object', async () => {
    const fixed = portConflictDeployment() as {
      spec: {
        template: { spec: { containers: Array<{ ports: Array<{ containerPort: number }> }> } };
      };
    };
    fixed.spec.template.spec.containers[1].ports[0].containerPort = 9090;
    const res = await t.http
      .post('/v1/admission')
      .send(review({ operation: 'UPDATE', object: fixed, oldObject: portConflictDeployment() }));
    expect(res.body.response.uid).toBe(UID);
    expect(res.body.response.allowed).toBe(true);
    expect(
      (res.body.response.warnings ?? []).some((w: string) => w.startsWith('pod/port-conflict')),
    ).toBe(false);
  });

  it('honours the podwire.dev/ignore annotation of the object', async () => {
    const object = portConflictDeployment() as { metadata: Record<string, unknown> };
    object.metadata.annotations = { 'podwire.dev/ignore': 'pod/port-conflict' };
    const res = await t.http.post('/v1/admission').send(review({ object }));
    expect(res.body.response.allowed).toBe(true);
  });

  it('answers a malformed review with a 400 problem naming the field', async () => {
    const body = review({ operation: 'CREATE', object: null }) as {
      request: Record<string, unknown>;
    };
    delete body.request.uid;
    const res = await t.http.post('/v1/admission').send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([
      { field: 'request.uid', message: 'uid must be a non-empty string of at most 256 characters' },
      {
        field: 'request.object',
        message: 'object must be the Kubernetes object for CREATE and UPDATE',
      },
    ]);
  });

  it('rejects another AdmissionReview version and an unknown mode', async () => {
    const v1beta1 = { ...review({}), apiVersion: 'admission.k8s.io/v1beta1' };
    const res = await t.http.post('/v1/admission').send(v1beta1);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'apiVersion', message: 'apiVersion must be admission.k8s.io/v1' },
    ]);
    const mode = await t.http.post('/v1/admission?mode=audit').send(review({}));
    expect(mode.status).toBe(400);
    expect(mode.body.errors).toEqual([{ field: 'mode', message: 'mode must be enforce or warn' }]);
  });

  it('ignores fields a newer Kubernetes may add to the review, and still reviews', async () => {
    const body: Record<string, unknown> = {
      ...review({ object: portConflictDeployment(), futureField: { enabled: true } }),
      futureTopLevel: 'x',
    };
    (body.request as Record<string, unknown>).kind = {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      futureKindField: 1,
    };
    const res = await t.http.post('/v1/admission').send(body);
    expect(res.status).toBe(200);
    expect(res.body.response).toMatchObject({ uid: UID, allowed: false, status: { code: 400 } });
    expect(res.body).not.toHaveProperty('futureTopLevel');
  });

  it('answers a body that is not JSON with 415', async () => {
    const res = await t.http
      .post('/v1/admission')
      .set('Content-Type', 'text/plain')
      .send('kind: AdmissionReview');
    expect(res.status).toBe(415);
  });
});

describe('POST /v1/admission with ADMISSION_MODE=warn, API keys and a small body limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      ADMISSION_MODE: 'warn',
      API_KEYS: 'secret-key',
      RATE_LIMIT_PER_MINUTE: '1',
      BODY_LIMIT: '4kb',
      ADMISSION_BODY_LIMIT: '16kb',
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('defaults to the configured mode; the API server needs no key and is not rate-limited', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.http.post('/v1/admission').send(review({}));
      expect(res.status).toBe(200);
      expect(res.body.response.allowed).toBe(true);
    }
    const enforced = await t.http.post('/v1/admission?mode=enforce').send(review({}));
    expect(enforced.body.response.allowed).toBe(false);
  });

  it('takes reviews up to ADMISSION_BODY_LIMIT (not BODY_LIMIT) and answers 413 beyond it', async () => {
    const sized = (bytes: number) => {
      const object = portConflictDeployment() as { metadata: Record<string, unknown> };
      object.metadata.annotations = { note: 'x'.repeat(bytes) };
      return review({ object });
    };
    const beyondBodyLimit = await t.http.post('/v1/admission').send(sized(5000));
    expect(beyondBodyLimit.status).toBe(200);
    expect(beyondBodyLimit.body.response.uid).toBe(UID);
    const beyondAdmissionLimit = await t.http.post('/v1/admission').send(sized(20_000));
    expect(beyondAdmissionLimit.status).toBe(413);
    // Everywhere else (but validate, VALIDATE_BODY_LIMIT) BODY_LIMIT still applies.
    const recommend = await t.http
      .post('/v1/recommendations')
      .set('Authorization', 'Bearer secret-key')
      .send({ placement: 'x'.repeat(5000) });
    expect(recommend.status).toBe(413);
    expect(recommend.body.detail).toContain('BODY_LIMIT');
  });
});

describe('POST /v1/admission with a large object (VALIDATION_WORKERS=1: validated on a worker thread)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ VALIDATION_WORKERS: '1' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  // kubectl apply stores the whole object in this annotation, so large objects are common.
  const padding = { 'kubectl.kubernetes.io/last-applied-configuration': 'x'.repeat(100 * 1024) };

  it('denies the port conflict of a 100 KiB Deployment just the same', async () => {
    const object = portConflictDeployment() as { metadata: Record<string, unknown> };
    object.metadata.annotations = padding;
    const res = await t.http.post('/v1/admission').send(review({ object }));
    expect(res.status).toBe(200);
    expect(res.body.response.uid).toBe(UID);
    expect(res.body.response.allowed).toBe(false);
    expect(res.body.response.status.message).toContain(
      '- pod/port-conflict at spec.template.spec.containers[1]',
    );
  });

  // The edge rejects JSON deeper than 100 levels before any parsing code recurses (issue 18):
  // the review never reaches the engine, whose own limit would deny it with 422.
  it('answers an object beyond the nesting limit with a 400 problem naming the limit', async () => {
    let deep: Record<string, unknown> = {};
    const labels = deep;
    for (let i = 0; i < 150; i++) deep = (deep.x = {}) as Record<string, unknown>;
    const object = portConflictDeployment() as { metadata: Record<string, unknown> };
    object.metadata.annotations = padding;
    object.metadata.labels = labels;
    const res = await t.http.post('/v1/admission').send(review({ object }));
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('The JSON body nests deeper than 100 levels.');
  });
});

type Containers = Array<{ ports: Array<{ containerPort: number }> }>;

/** The same Deployment, scaled; what `kubectl scale --replicas=5` sends as `object`. */
function scaled(object: Record<string, unknown>, replicas: number): Record<string, unknown> {
  const copy = structuredClone(object) as { spec: { replicas: number } };
  copy.spec.replicas = replicas;
  return copy;
}

/** The Deployment with its port conflict fixed (the second container on 9090). */
function withoutConflict(): Record<string, unknown> {
  const fixed = portConflictDeployment() as {
    spec: { template: { spec: { containers: Containers } } };
  };
  fixed.spec.template.spec.containers[1].ports[0].containerPort = 9090;
  return fixed;
}

function update(object: Record<string, unknown>, oldObject: Record<string, unknown>) {
  return review({
    operation: 'UPDATE',
    object,
    oldObject,
    options: { apiVersion: 'meta.k8s.io/v1', kind: 'UpdateOptions' },
  });
}

/** The value of one series in a Prometheus text exposition, 0 when absent. */
function sample(metrics: string, series: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('POST /v1/admission ratchets UPDATEs in enforce mode (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ADMISSION_MODE: 'enforce' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('denies a CREATE with an error', async () => {
    const res = await t.http.post('/v1/admission').send(review({}));
    expect(res.body.response).toMatchObject({ allowed: false, status: { code: 400 } });
  });

  it('allows an UPDATE that only scales a Deployment with an inherited error, as a warning', async () => {
    const res = await t.http
      .post('/v1/admission')
      .send(update(scaled(portConflictDeployment(), 5), portConflictDeployment()));
    expect(res.status).toBe(200);
    const { response } = res.body;
    expect(response.uid).toBe(UID);
    expect(response.allowed).toBe(true);
    expect(response.status).toBeUndefined();
    expect(response.warnings[0]).toMatch(
      /^pod\/port-conflict \(inherited error\): containerPort 8080\/TCP is declared by .* \(at …\[1\]\.ports\[0\]\.containerPort\)$/,
    );
    for (const w of response.warnings as string[]) expect([...w].length).toBeLessThanOrEqual(120);
    expect(response.auditAnnotations).toMatchObject({
      mode: 'enforce',
      decision: 'allowed',
      'inherited-rules': 'pod/port-conflict',
    });
    expect(response.auditAnnotations).not.toHaveProperty('error-rules');
  });

  it('denies an UPDATE that adds an error the old object did not have', async () => {
    const res = await t.http
      .post('/v1/admission')
      .send(update(portConflictDeployment(), withoutConflict()));
    const { response } = res.body;
    expect(response.allowed).toBe(false);
    expect(response.status.message).toContain(
      '- pod/port-conflict at spec.template.spec.containers[1]',
    );
    expect(response.auditAnnotations['error-rules']).toBe('pod/port-conflict');
  });

  it('denies an error that moved to another path (a new container port), ratcheting by path', async () => {
    const old = portConflictDeployment() as {
      spec: { template: { spec: { containers: Containers } } };
    };
    const moved = structuredClone(old);
    // The conflict is now on a second port of the second container: same rule, another field.
    moved.spec.template.spec.containers[1].ports = [
      { containerPort: 9090 },
      { containerPort: 8080 },
    ];
    const res = await t.http.post('/v1/admission').send(update(moved, old));
    expect(res.body.response.allowed).toBe(false);
  });

  it('?ratchet=false is a strict gate: the inherited error denies', async () => {
    const res = await t.http
      .post('/v1/admission?ratchet=false')
      .send(update(scaled(portConflictDeployment(), 5), portConflictDeployment()));
    expect(res.body.response).toMatchObject({ allowed: false, status: { code: 400 } });
    const bad = await t.http.post('/v1/admission?ratchet=maybe').send(review({}));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'ratchet', message: 'ratchet must be true or false' },
    ]);
  });

  it('counts decisions, inherited errors and findings in /metrics', async () => {
    const before = (await t.http.get('/metrics')).text;
    await t.http
      .post('/v1/admission')
      .send(update(scaled(portConflictDeployment(), 5), portConflictDeployment()));
    await t.http.post('/v1/admission').send(review({}));
    const after = (await t.http.get('/metrics')).text;
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(
      delta(
        'podwire_admission_decisions_total{mode="enforce",decision="allowed",inherited="true"}',
      ),
    ).toBe(1);
    expect(
      delta(
        'podwire_admission_decisions_total{mode="enforce",decision="denied",inherited="false"}',
      ),
    ).toBe(1);
    expect(delta('podwire_admission_inherited_errors_total')).toBe(1);
    // The old object is validated to ratchet, but its findings are not counted again.
    expect(delta('podwire_findings_total{rule="pod/port-conflict",severity="error"}')).toBe(2);
    const version = (
      JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version;
    expect(
      sample(after, `podwire_build_info{version="${version}",node_version="${process.version}"}`),
    ).toBe(1);
    expect(after).toMatch(/^podwire_validation_queue_depth 0$/m);
    expect(after).toContain('# TYPE podwire_validation_worker_restarts_total counter');
    expect(after).toContain('# TYPE podwire_validation_queue_wait_seconds histogram');
  });
});

describe('POST /v1/admission with ADMISSION_RATCHET=false (a strict gate)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ADMISSION_MODE: 'enforce', ADMISSION_RATCHET: 'false' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('denies an UPDATE with an inherited error and one adding an error; ?ratchet=true ratchets', async () => {
    const inherited = await t.http
      .post('/v1/admission')
      .send(update(scaled(portConflictDeployment(), 5), portConflictDeployment()));
    expect(inherited.body.response).toMatchObject({ allowed: false, status: { code: 400 } });
    const added = await t.http
      .post('/v1/admission')
      .send(update(portConflictDeployment(), withoutConflict()));
    expect(added.body.response).toMatchObject({ allowed: false, status: { code: 400 } });
    const ratcheted = await t.http
      .post('/v1/admission?ratchet=true')
      .send(update(scaled(portConflictDeployment(), 5), portConflictDeployment()));
    expect(ratcheted.body.response.allowed).toBe(true);
  });
});

describe('POST /v1/admission with ADMISSION_KUBERNETES_VERSION=1.29', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ADMISSION_MODE: 'enforce', ADMISSION_KUBERNETES_VERSION: 'v1.29.4' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('validates as the cluster behind the webhook would: a field added in 1.30 denies', async () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 8080 }],
        trafficDistribution: 'PreferClose',
      },
    };
    const res = await t.http.post('/v1/admission').send(
      review({
        kind: { group: '', version: 'v1', kind: 'Service' },
        resource: { group: '', version: 'v1', resource: 'services' },
        requestKind: { group: '', version: 'v1', kind: 'Service' },
        requestResource: { group: '', version: 'v1', resource: 'services' },
        object: service,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.response.allowed).toBe(false);
    expect(res.body.response.status.message).toContain('api/not-yet-available');
  });
});
