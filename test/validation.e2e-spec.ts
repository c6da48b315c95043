import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "3"
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: registry.example.com/web:1.2.3
          imagePullPolice: Always
`;

const LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: settings}
    data: {a: b}
  - apiVersion: v1
    kind: ServiceAccount
    metadata: {name: web}
`;

interface Finding {
  ruleId: string;
  severity: string;
  path: string;
  range: { line: number; column: number; endLine: number; endColumn: number };
}

const configMaps = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n`,
  ).join('---\n');

describe('POST /v1/manifests/validate', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  const yaml = (body: string, query = '') =>
    t.http
      .post(`/v1/manifests/validate${query}`)
      .set('Content-Type', 'application/yaml')
      .send(body);

  it('reports replicas: "3" as one schema/invalid-type error at the quoted value', async () => {
    const res = await yaml(DEPLOYMENT);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const invalidType = (res.body.findings as Finding[]).filter(
      (f) => f.ruleId === 'schema/invalid-type',
    );
    expect(invalidType).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: '/spec/replicas',
        range: { line: 6, column: 13, endLine: 6, endColumn: 16 },
      }),
    ]);
    expect(res.body.valid).toBe(false);
  });

  it('reports an unknown container field at its key', async () => {
    const res = await yaml(DEPLOYMENT);
    const unknown = (res.body.findings as Finding[]).filter(
      (f) => f.ruleId === 'schema/unknown-field',
    );
    expect(unknown.map((f) => [f.path, f.range])).toEqual([
      [
        '/spec/template/spec/containers/0/imagePullPolice',
        { line: 16, column: 11, endLine: 16, endColumn: 26 },
      ],
    ]);
  });

  it('accepts a kind: List with two valid items as two objects', async () => {
    const res = await yaml(LIST);
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(true);
    expect(res.body.summary).toMatchObject({ documents: 1, objects: 2, errors: 0 });
    expect(res.body.objects.map((o: { kind: string; line: number }) => [o.kind, o.line])).toEqual([
      ['ConfigMap', 4],
      ['ServiceAccount', 8],
    ]);
  });

  it('answers invalid YAML with 200 and a yaml/syntax error at the parser position', async () => {
    const res = await yaml('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n labels: {}\n');
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.findings).toEqual([
      expect.objectContaining({
        ruleId: 'yaml/syntax',
        range: { line: 5, column: 1, endLine: 5, endColumn: 2 },
      }),
    ]);
  });

  it.each(['application/x-yaml', 'text/yaml', 'text/plain'])(
    'takes raw YAML as %s',
    async (type) => {
      const res = await t.http.post('/v1/manifests/validate').set('Content-Type', type).send(LIST);
      expect(res.status).toBe(200);
      expect(res.body.summary.objects).toBe(2);
    },
  );

  it('takes JSON with options in the body', async () => {
    const res = await t.http.post('/v1/manifests/validate').send({
      manifest: DEPLOYMENT,
      filename: 'deploy/web.yaml',
      kubernetesVersion: '1.31',
      scope: 'partial',
      rules: { disable: ['schema/invalid-type'] },
    });
    expect(res.status).toBe(200);
    const ids = (res.body.findings as Finding[]).map((f) => f.ruleId);
    expect(ids).not.toContain('schema/invalid-type');
    expect(ids).toContain('schema/unknown-field');
  });

  it('takes options as query parameters for raw YAML (comma-separated and repeated disable)', async () => {
    const res = await yaml(
      DEPLOYMENT,
      '?disable=schema/invalid-type,schema/unknown-field&disable=container/latest-tag&scope=partial',
    );
    expect(res.status).toBe(200);
    const ids = (res.body.findings as Finding[]).map((f) => f.ruleId);
    expect(ids).not.toContain('schema/invalid-type');
    expect(ids).not.toContain('schema/unknown-field');
  });

  it('validates 1,000 documents and rejects 1,001 with a 422 naming the limit', async () => {
    const ok = await yaml(configMaps(1000));
    expect(ok.status).toBe(200);
    expect(ok.body.summary.objects).toBe(1000);
    const tooMany = await yaml(configMaps(1001));
    expect(tooMany.status).toBe(422);
    expect(tooMany.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(tooMany.text).detail).toBe(
      'The manifest has more than 1000 YAML documents (limit: 1000 documents).',
    );
  });

  it('rejects billion-laughs aliases and absurd nesting with 422, then keeps serving', async () => {
    const lines = ['a: &a [x,x,x,x,x,x,x,x,x]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
      ['g', 'f'],
      ['h', 'g'],
    ]) {
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = await yaml(lines.join('\n'));
    expect(bomb.status).toBe(422);
    expect(JSON.parse(bomb.text).detail).toMatch(/aliases .* expand to more than 100000 nodes/);
    const deep = await yaml('['.repeat(2000) + ']'.repeat(2000));
    expect(deep.status).toBe(422);
    expect(JSON.parse(deep.text).detail).toMatch(/more than 100 levels deep/);
    expect((await yaml(LIST)).status).toBe(200);
  });

  it('rejects bad JSON options with 400 naming each field', async () => {
    const res = await t.http
      .post('/v1/manifests/validate')
      .send({ manifest: LIST, scope: 'everything', kubernetesVersion: '2.0', extra: 1 });
    expect(res.status).toBe(400);
    const fields = (JSON.parse(res.text).errors as Array<{ field: string }>)
      .map((e) => e.field)
      .sort();
    expect(fields).toEqual(['extra', 'kubernetesVersion', 'scope']);
  });

  it('rejects unknown rule ids in disable with 400', async () => {
    const res = await t.http
      .post('/v1/manifests/validate')
      .send({ manifest: LIST, rules: { disable: ['pod/no-such-rule'] } });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).errors).toEqual([
      {
        field: 'rules.disable[0]',
        message: '"pod/no-such-rule" is not a rule id (see GET /v1/rules)',
      },
    ]);
  });

  it('rejects query options next to a JSON body, and a JSON body without manifest', async () => {
    const both = await t.http.post('/v1/manifests/validate?scope=partial').send({ manifest: LIST });
    expect(both.status).toBe(400);
    expect(JSON.parse(both.text).errors[0].field).toBe('scope');
    const none = await t.http.post('/v1/manifests/validate').send({ filename: 'x.yaml' });
    expect(none.status).toBe(400);
    expect(JSON.parse(none.text).errors.map((e: { field: string }) => e.field)).toContain(
      'manifest',
    );
  });

  it('rejects other media types with 415', async () => {
    const res = await t.http
      .post('/v1/manifests/validate')
      .set('Content-Type', 'application/xml')
      .send('<x/>');
    expect(res.status).toBe(415);
  });

  it('keeps __proto__ keys harmless', async () => {
    const res = await yaml(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\n__proto__:\n  polluted: true\n',
    );
    expect(res.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((res.body.findings as Finding[]).map((f) => [f.ruleId, f.path])).toContainEqual([
      'schema/unknown-field',
      '/__proto__',
    ]);
  });

  describe('formats by Accept', () => {
    it('text/plain: one file:line:column: severity ruleId message line per finding', async () => {
      const json = await yaml(DEPLOYMENT, '?filename=deploy/web.yaml');
      const res = await yaml(DEPLOYMENT, '?filename=deploy/web.yaml').set('Accept', 'text/plain');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      const lines = res.text.trimEnd().split('\n');
      expect(lines).toHaveLength(json.body.findings.length);
      expect(lines).toContain(
        `deploy/web.yaml:6:13: error schema/invalid-type ${(json.body.findings as Array<Finding & { message: string }>).find((f) => f.ruleId === 'schema/invalid-type')?.message}`,
      );
      for (const line of lines)
        expect(line).toMatch(
          /^deploy\/web\.yaml:\d+:\d+: (error|warning|info) [a-z]+\/[a-z0-9-]+ \S/,
        );
    });

    it('text/plain is empty for a clean manifest', async () => {
      const res = await yaml(LIST).set('Accept', 'text/plain');
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    });

    it('text/markdown: a verdict and a findings table', async () => {
      const res = await yaml(DEPLOYMENT).set('Accept', 'text/markdown');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/markdown/);
      expect(res.text).toContain('### podwire: `manifest.yaml` is ❌ invalid');
      expect(res.text).toContain('| error | `schema/invalid-type` | 6:13 Deployment/web |');
    });

    it('application/sarif+json: rules with help, results with regions and the filename as URI', async () => {
      const res = await t.http
        .post('/v1/manifests/validate')
        .set('Accept', 'application/sarif+json')
        .send({ manifest: DEPLOYMENT, filename: 'deploy/web app.yaml' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/sarif\+json/);
      const sarif = JSON.parse(res.text);
      const run = sarif.runs[0];
      const result = run.results.find(
        (r: { ruleId: string }) => r.ruleId === 'schema/invalid-type',
      );
      expect(result.locations[0].physicalLocation).toEqual({
        artifactLocation: { uri: 'deploy/web%20app.yaml', index: 0 },
        region: { startLine: 6, startColumn: 13, endLine: 6, endColumn: 16 },
      });
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe('schema/invalid-type');
      expect(run.tool.driver.rules[result.ruleIndex].help.text).not.toBe('');
    });
  });
});

describe('POST /v1/manifests/validate: limits and access', () => {
  it('answers a body over VALIDATE_BODY_LIMIT with 413', async () => {
    const t = await createTestApp({ VALIDATE_BODY_LIMIT: '2kb' });
    try {
      const res = await t.http
        .post('/v1/manifests/validate')
        .set('Content-Type', 'application/yaml')
        .send(configMaps(60));
      expect(res.status).toBe(413);
      expect(res.body.detail).toContain('VALIDATE_BODY_LIMIT');
    } finally {
      await t.app.close();
    }
  });

  it('needs an API key when keys are configured (401), and is rate limited (429)', async () => {
    const t = await createTestApp({ API_KEYS: 'secret-key', RATE_LIMIT_PER_MINUTE: '1' });
    try {
      const anonymous = await t.http
        .post('/v1/manifests/validate')
        .set('Content-Type', 'application/yaml')
        .send(LIST);
      expect(anonymous.status).toBe(401);
      const auth = (req: ReturnType<typeof t.http.post>) =>
        req.set('Authorization', 'Bearer secret-key');
      const first = await auth(
        t.http.post('/v1/manifests/validate').set('Content-Type', 'application/yaml'),
      ).send(LIST);
      expect(first.status).toBe(200);
      const second = await auth(
        t.http.post('/v1/manifests/validate').set('Content-Type', 'application/yaml'),
      ).send(LIST);
      expect(second.status).toBe(429);
    } finally {
      await t.app.close();
    }
  });
});
