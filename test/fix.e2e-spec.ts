import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

/**
 * Issue 20 / DESIGN §11: `POST /v1/manifests/fix` takes what validate takes and returns the
 * files with the findings' fixes applied. "Nothing new broken" is checked against validate's own
 * answer for the same request: after fixing, no finding that was not there before.
 */
interface Finding {
  ruleId: string;
  severity: string;
  object: { filename?: string; documentIndex: number; kind?: string; name?: string };
  path: string;
  fix?: { safety: string };
}
interface FixAnswer {
  files: Array<{ filename?: string; content: string; changed: boolean }>;
  applied: Array<{ ruleId: string; object: Finding['object']; path: string; safety: string }>;
  skipped: Array<{ ruleId: string; reason: string; safety: string }>;
  result: { valid: boolean; findings: Finding[] };
}

const CLEAN_POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web # the web tier',
  '  namespace: shop',
  'spec:',
  '  securityContext:',
  '    seccompProfile: {type: RuntimeDefault}',
  '  containers:',
  '    - name: app',
  "      image: 'registry.example.com/web:1.4.2'",
  '      securityContext:',
  '        capabilities: {drop: [ALL]}',
  '        allowPrivilegeEscalation: false',
  '',
].join('\n');

/** CLEAN_POD's container without any securityContext: three hardening rules fix it together. */
const BARE_POD = CLEAN_POD.replace(
  '      securityContext:\n        capabilities: {drop: [ALL]}\n        allowPrivilegeEscalation: false\n',
  '',
).replace('  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n', '');

/** A clean application (Deployment, Service, ConfigMap): every row below breaks one thing in it. */
const APP = readFileSync(new URL('./fixtures/fix-app.yaml', import.meta.url), 'utf8');
/** A clean bundle with routes, mesh resources, policies and a proxy: the traffic rules' cases. */
const TRAFFIC = readFileSync(new URL('./fixtures/fix-traffic.yaml', import.meta.url), 'utf8');
/**
 * TRAFFIC without its Gateway API objects: custom resources may have an operator create pods, so
 * beside them a selector that matches nothing is only info, with no fix.
 */
const TRAFFIC_MESH = TRAFFIC.split('---\n')
  .filter((doc) => !doc.includes('gateway.networking.k8s.io/'))
  .join('---\n');
/** `text` with `from` (which must occur exactly once) replaced: a case breaks what it means to. */
function once(text: string, from: string, to: string): string {
  if (text.split(from).length !== 2) throw new Error(`not exactly once: ${from}`);
  return text.replace(from, to);
}
const CRONJOB = [
  'apiVersion: batch/v1beta1',
  'kind: CronJob',
  'metadata:',
  '  name: nightly',
  '  namespace: shop',
  'spec:',
  '  schedule: "0 3 * * *" # UTC',
  '  jobTemplate:',
  '    spec:',
  '      template:',
  '        spec:',
  '          restartPolicy: OnFailure',
  '          securityContext:',
  '            seccompProfile: {type: RuntimeDefault}',
  '          containers:',
  '            - name: job',
  '              image: registry.example.com/job:1.0.0',
  '              securityContext:',
  '                allowPrivilegeEscalation: false',
  '                capabilities: {drop: [ALL]}',
  '',
].join('\n');

/**
 * One manifest per fix that has landed, each with exactly that defect; `fixed` is the text the
 * fix must leave. A new fix adds its row here.
 */
const ONE_DEFECT: Array<{ rule: string; manifest: string; fixed: string; also?: string }> = [
  {
    rule: 'container/privilege-escalation',
    manifest: CLEAN_POD.replace(
      'allowPrivilegeEscalation: false',
      'allowPrivilegeEscalation: true',
    ),
    fixed: '        allowPrivilegeEscalation: false\n',
  },
  {
    rule: 'container/privilege-escalation',
    manifest: CLEAN_POD.replace('        allowPrivilegeEscalation: false\n', ''),
    fixed: '        capabilities: {drop: [ALL]}\n        allowPrivilegeEscalation: false\n',
  },
  {
    rule: 'container/capabilities-not-dropped',
    manifest: CLEAN_POD.replace('{drop: [ALL]}', '{drop: [NET_RAW]}'),
    fixed: '        capabilities: {drop: [NET_RAW, ALL]}\n',
  },
  {
    rule: 'container/capabilities-not-dropped',
    manifest: CLEAN_POD.replace('        capabilities: {drop: [ALL]}\n', ''),
    fixed:
      '        allowPrivilegeEscalation: false\n        capabilities:\n          drop:\n            - ALL\n',
  },
  {
    rule: 'container/seccomp-unconfined',
    manifest: CLEAN_POD.replace('{type: RuntimeDefault}', '{type: Unconfined}'),
    fixed:
      '        allowPrivilegeEscalation: false\n        seccompProfile:\n          type: RuntimeDefault\n',
  },
  {
    rule: 'volume/emptydir-unbounded',
    manifest: APP.replace('emptyDir: {sizeLimit: 64Mi}', 'emptyDir:'),
    fixed: '          emptyDir:\n            sizeLimit: 1Gi\n',
  },
  {
    rule: 'service/target-port-unresolved',
    manifest: APP.replace('targetPort: http #', 'targetPort: htpp #'),
    fixed: '      targetPort: http # named, not numbered\n',
  },
  {
    rule: 'api/unknown-kind',
    manifest: APP.replace('kind: Service', 'kind: service'),
    fixed: '---\napiVersion: v1\nkind: Service\n',
  },
  {
    rule: 'volume/mount-undeclared',
    manifest: APP.replace('            - name: tmp', '            - name: tnp'),
    fixed: '            - name: tmp\n              mountPath: /tmp\n',
  },
  {
    rule: 'reference/configmap-missing',
    manifest: APP.replace('                name: web-config', '                name: web-confg'),
    fixed: '                name: web-config\n',
  },
  {
    rule: 'service/selector-no-match',
    manifest: APP.replace('  selector: {app: web}\n  ports', '  selector: {app: wbe}\n  ports'),
    fixed: '  selector: {app: web}\n  ports',
  },
  {
    rule: 'schema/invalid-type',
    manifest: APP.replace('containerPort: 8080', 'containerPort: "8080"'),
    fixed: 'containerPort: 8080',
  },
  {
    rule: 'schema/invalid-value',
    manifest: CLEAN_POD.replace(
      "      image: 'registry",
      "      imagePullPolicy: always\n      image: 'registry",
    ),
    fixed: '      imagePullPolicy: Always\n',
  },
  {
    rule: 'api/removed',
    manifest: CRONJOB,
    fixed: 'apiVersion: batch/v1\nkind: CronJob\n',
  },
  {
    rule: 'schema/unknown-field',
    manifest: once(TRAFFIC, 'imagePullPolicy: IfNotPresent', 'imagePullPolice: IfNotPresent'),
    fixed: '          imagePullPolicy: IfNotPresent\n',
  },
  {
    rule: 'schema/unknown-field',
    manifest: once(
      TRAFFIC,
      '          readinessProbe:\n            httpGet',
      '          ReadinessProbe:\n            httpGet',
    ),
    fixed: '          readinessProbe:\n            httpGet: {path: /healthz, port: http}\n',
  },
  {
    rule: 'schema/unknown-field',
    manifest: once(TRAFFIC, 'containerPort: 8080', 'contianerPort: 8080'),
    fixed: '            - name: http\n              containerPort: 8080\n',
  },
  {
    rule: 'custom-resource/schema-violation',
    manifest: once(TRAFFIC, '  subsets:\n', '  subset:\n'),
    fixed: '  host: web\n  subsets:\n',
  },
  {
    rule: 'service/headless-mismatch',
    manifest: once(TRAFFIC, 'serviceName: db-headless', 'serviceName: db-headles'),
    fixed: '  serviceName: db-headless\n',
  },
  {
    rule: 'route/backend-unresolved',
    manifest: once(TRAFFIC, '- {name: web, port: 443}', '- {name: wbe, port: 443}'),
    fixed: '        - {name: web, port: 443}\n',
  },
  {
    rule: 'route/backend-unresolved',
    manifest: once(TRAFFIC, '- {name: web, port: 443}', '- {name: web, port: 8443}'),
    fixed: '        - {name: web, port: 443}\n',
  },
  {
    rule: 'route/parent-unresolved',
    manifest: once(TRAFFIC, '{name: edge, sectionName: http}', '{name: egde, sectionName: http}'),
    fixed: '    - {name: edge, sectionName: http}\n',
  },
  {
    rule: 'route/parent-unresolved',
    manifest: once(TRAFFIC, '{name: edge, sectionName: http}', '{name: edge, sectionName: htp}'),
    fixed: '    - {name: edge, sectionName: http}\n',
  },
  {
    rule: 'mesh/destination-unresolved',
    manifest: once(TRAFFIC, '{host: web, subset: stable,', '{host: wbe, subset: stable,'),
    fixed: '        - destination: {host: web, subset: stable, port: {number: 443}}\n',
  },
  {
    rule: 'mesh/destination-unresolved',
    manifest: once(TRAFFIC, '{host: web, subset: stable,', '{host: web, subset: stabel,'),
    fixed: '        - destination: {host: web, subset: stable, port: {number: 443}}\n',
  },
  {
    rule: 'mesh/subset-no-match',
    manifest: once(TRAFFIC, 'labels: {track: stable}', 'labels: {track: stabel}'),
    fixed: '      labels: {track: stable}\n',
  },
  {
    rule: 'mesh/policy-selects-nothing',
    manifest: once(TRAFFIC_MESH, '{app: web}\n  mtls:', '{app: wbe}\n  mtls:'),
    fixed: '    matchLabels: {app: web}\n  mtls: {mode: PERMISSIVE}\n',
  },
  {
    rule: 'mesh/server-port-unresolved',
    manifest: once(TRAFFIC, '  port: metrics\n', '  port: metrcs\n'),
    fixed: '  port: metrics\n',
  },
  {
    rule: 'networkpolicy/port-unresolved',
    manifest: once(TRAFFIC, '- {port: metrics}', '- {port: metrcs}'),
    fixed: '        - {port: metrics}\n',
  },
  {
    // reference/configmap-missing offers the same edit for the same name; either may apply it.
    rule: 'sidecar/config-missing',
    also: 'reference/configmap-missing',
    manifest: once(TRAFFIC, 'configMap: {name: web-proxy}', 'configMap: {name: web-prxy}'),
    fixed: '          configMap: {name: web-proxy}\n',
  },
];

/**
 * A finding as "the same problem" across two versions of a file: positions move, and so may the
 * path (a rule that pointed at a container's name points at the securityContext the fix added).
 */
const sameProblem = (f: Finding) =>
  [f.ruleId, f.object.filename ?? '', f.object.documentIndex, f.object.kind, f.object.name].join(
    ' ',
  );

describe('POST /v1/manifests/fix', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  const fixYaml = (text: string, query = '', accept = 'application/json') =>
    t.http
      .post(`/v1/manifests/fix${query}`)
      .set('Content-Type', 'application/yaml')
      .set('Accept', accept)
      .send(text);
  const validateYaml = async (text: string) =>
    (await t.http.post('/v1/manifests/validate').set('Content-Type', 'application/yaml').send(text))
      .body as { findings: Finding[] };

  it('apply=all applies suggestions too, and they add no error', async () => {
    const safe = (await fixYaml(APP)).body as FixAnswer;
    expect(safe.files[0].changed).toBe(false);
    const suggestions = safe.skipped.filter((s) => s.reason.includes('apply=all'));
    expect(suggestions.length).toBeGreaterThan(0);
    const all = (await fixYaml(APP, '?apply=all')).body as FixAnswer;
    expect(all.files[0].changed).toBe(true);
    expect(all.applied.map((a) => a.ruleId)).toEqual(
      expect.arrayContaining(suggestions.map((s) => s.ruleId)),
    );
    expect(all.applied.every((a) => a.safety === 'suggestion')).toBe(true);
    expect(all.result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  for (const { rule, manifest, fixed, also } of ONE_DEFECT) {
    it(`${rule}: the defect is gone and nothing new is broken (${JSON.stringify(fixed.trim().slice(0, 40))})`, async () => {
      const before = await validateYaml(manifest);
      expect(before.findings.some((f) => f.ruleId === rule && f.fix?.safety === 'safe')).toBe(true);
      const res = await fixYaml(manifest);
      expect(res.status).toBe(200);
      const body = res.body as FixAnswer;
      expect(body.files).toHaveLength(1);
      expect(body.files[0].changed).toBe(true);
      expect(body.files[0].content).toContain(fixed);
      // Comments and quoting outside the edit are kept: the lines no fix touched are all there.
      const after = new Set(body.files[0].content.split('\n'));
      const kept = manifest.split('\n').filter((line) => after.has(line));
      expect(manifest.split('\n').length - kept.length).toBeLessThanOrEqual(1);
      if (also === undefined) expect(body.applied.map((a) => a.ruleId)).toEqual([rule]);
      else expect([[rule], [also]]).toContainEqual(body.applied.map((a) => a.ruleId));
      expect(body.result.findings.map((f) => f.ruleId)).not.toContain(rule);
      const earlier = new Set(before.findings.map(sameProblem));
      expect(body.result.findings.filter((f) => !earlier.has(sameProblem(f)))).toEqual([]);
      // The answer's result is what validate says about the returned file.
      const again = await validateYaml(body.files[0].content);
      expect(again.findings.map(sameProblem)).toEqual(body.result.findings.map(sameProblem));
    });
  }

  it('a container without securityContext gets the three hardening fixes within the fixer’s rounds', async () => {
    const body = (await fixYaml(BARE_POD)).body as FixAnswer;
    expect(body.applied.map((a) => a.ruleId).sort()).toEqual([
      'container/capabilities-not-dropped',
      'container/privilege-escalation',
      'container/seccomp-unconfined',
    ]);
    expect(body.files[0].content).toBe(
      BARE_POD.replace(
        "      image: 'registry.example.com/web:1.4.2'\n",
        "      image: 'registry.example.com/web:1.4.2'\n" +
          '      securityContext:\n' +
          '        capabilities:\n' +
          '          drop:\n' +
          '            - ALL\n' +
          '        allowPrivilegeEscalation: false\n' +
          '        seccompProfile:\n' +
          '          type: RuntimeDefault\n',
      ),
    );
    // What is left is only suggestions (run-as-root, resources…): the safe ones all fit in the rounds.
    expect(body.skipped.filter((f) => f.safety !== 'suggestion')).toEqual([]);
  });

  it('fixing the fixed file changes nothing more', async () => {
    const once = (await fixYaml(ONE_DEFECT[1].manifest)).body as FixAnswer;
    const twice = (await fixYaml(once.files[0].content)).body as FixAnswer;
    expect(twice.files[0]).toEqual({ content: once.files[0].content, changed: false });
    expect(twice.applied).toEqual([]);
  });

  it('Accept: application/yaml answers with the fixed YAML itself', async () => {
    const json = (await fixYaml(ONE_DEFECT[0].manifest)).body as FixAnswer;
    const res = await fixYaml(ONE_DEFECT[0].manifest, '', 'application/yaml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(res.text).toBe(json.files[0].content);
  });

  it('an unfixable manifest comes back unchanged, byte for byte, with its findings', async () => {
    const manifest =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "three" # no number to read\n';
    const res = await fixYaml(manifest, '?filename=deploy/web.yaml');
    expect(res.status).toBe(200);
    const body = res.body as FixAnswer;
    expect(body.files).toEqual([
      { filename: 'deploy/web.yaml', content: manifest, changed: false },
    ]);
    expect(body.applied).toEqual([]);
    expect(body.result.valid).toBe(false);
    expect(body.result.findings.map((f) => f.ruleId)).toContain('schema/invalid-type');
    const yaml = await fixYaml(manifest, '', 'application/yaml');
    expect(yaml.text).toBe(manifest);
  });

  it('JSON files[]: each file fixed in place, the others untouched, names kept', async () => {
    const files = [
      { filename: 'k8s/pod.yaml', content: ONE_DEFECT[0].manifest },
      {
        filename: 'k8s/config.yaml',
        content:
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n',
      },
    ];
    const res = await t.http.post('/v1/manifests/fix?apply=all').send({ files, scope: 'partial' });
    expect(res.status).toBe(200);
    const body = res.body as FixAnswer;
    expect(body.files.map((f) => [f.filename, f.changed])).toEqual([
      ['k8s/pod.yaml', true],
      ['k8s/config.yaml', false],
    ]);
    expect(body.files[1].content).toBe(files[1].content);
    expect(body.applied[0].object.filename).toBe('k8s/pod.yaml');
    // Several files have no single YAML answer: JSON when acceptable, else 406.
    const yamlOnly = await t.http
      .post('/v1/manifests/fix')
      .set('Accept', 'application/yaml')
      .send({ files });
    expect(yamlOnly.status).toBe(406);
    expect(yamlOnly.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('multipart/form-data: the same answer as JSON files[]', async () => {
    const files = [{ filename: 'k8s/pod.yaml', content: ONE_DEFECT[1].manifest }];
    const json = await t.http.post('/v1/manifests/fix').send({ files });
    const options = { filepath: files[0].filename, contentType: 'application/yaml' };
    const res = await t.http
      .post('/v1/manifests/fix')
      .attach('file', Buffer.from(files[0].content), options as { contentType: string });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(json.body);
    expect((res.body as FixAnswer).files[0].changed).toBe(true);
  });

  it('a bad body or option is a 400 problem naming the field, as for validate', async () => {
    const cases: Array<[() => ReturnType<typeof fixYaml>, string]> = [
      [() => t.http.post('/v1/manifests/fix').send({}), 'manifest'],
      [() => t.http.post('/v1/manifests/fix').send({ manifest: 42 }), 'manifest'],
      [() => fixYaml(CLEAN_POD, '?apply=sometimes'), 'apply'],
      [
        () => t.http.post('/v1/manifests/fix?pattern=sidecar-proxy').send({ manifest: CLEAN_POD }),
        'pattern',
      ],
      [
        () =>
          t.http
            .post('/v1/manifests/fix')
            .send({ files: [{ filename: '../x.yaml', content: '' }] }),
        'files[0].filename',
      ],
      [() => fixYaml(CLEAN_POD, '?disable=no/such-rule'), 'rules.disable[0]'],
    ];
    for (const [send, field] of cases) {
      const res = await send();
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(
        (res.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field),
      ).toContain(field);
    }
  });

  it('a disabled rule offers no fix, so nothing is applied for it', async () => {
    const res = await fixYaml(ONE_DEFECT[0].manifest, '?disable=container/privilege-escalation');
    const body = res.body as FixAnswer;
    expect(body.files[0].changed).toBe(false);
    expect(body.applied).toEqual([]);
  });
});

describe('POST /v1/manifests/fix on worker threads (VALIDATION_WORKERS=1)', () => {
  let pooled: TestApp;
  let inline: TestApp;
  beforeAll(async () => {
    pooled = await createTestApp({ VALIDATION_WORKERS: '1' });
    inline = await createTestApp({ VALIDATION_WORKERS: '0' });
  });
  afterAll(async () => {
    await pooled.app.close();
    await inline.app.close();
  });

  it('fixes a bundle over the worker threshold as inline validation does, every round on the pool', async () => {
    const big = Array.from({ length: 300 }, (_, i) =>
      ONE_DEFECT[0].manifest.replace('name: web #', `name: web-${i} #`),
    ).join('---\n');
    expect(Buffer.byteLength(big)).toBeGreaterThan(64 * 1024);
    const send = (app: TestApp) =>
      app.http.post('/v1/manifests/fix').set('Content-Type', 'application/yaml').send(big);
    const [fromPool, fromInline] = await Promise.all([send(pooled), send(inline)]);
    expect(fromPool.status).toBe(200);
    expect(fromPool.body).toEqual(fromInline.body);
    const body = fromPool.body as FixAnswer;
    expect(body.applied).toHaveLength(300);
    expect(body.files[0].content).not.toContain('allowPrivilegeEscalation: true');
  });

  it('counts the findings of what was sent once in /metrics, on the pool and inline', async () => {
    const big = Array.from({ length: 300 }, (_, i) =>
      ONE_DEFECT[0].manifest.replace('name: web #', `name: web-${i} #`),
    ).join('---\n');
    const submitted = (
      (
        await inline.http
          .post('/v1/manifests/validate')
          .set('Content-Type', 'application/yaml')
          .send(big)
      ).body as { findings: Finding[] }
    ).findings;
    const seriesOf = (f: Finding) =>
      `podwire_findings_total{rule="${f.ruleId}",severity="${f.severity}"}`;
    const counts = new Map<string, number>();
    for (const f of submitted) counts.set(seriesOf(f), (counts.get(seriesOf(f)) ?? 0) + 1);
    expect(counts.size).toBeGreaterThan(0);
    for (const app of [pooled, inline]) {
      const before = (await app.http.get('/metrics')).text;
      const res = await app.http
        .post('/v1/manifests/fix')
        .set('Content-Type', 'application/yaml')
        .send(big);
      expect(res.status).toBe(200);
      // The second validation (of the fixed bundle) still finds some of the same kinds: had it
      // been counted too, the deltas below would be larger.
      const again = (res.body as FixAnswer).result.findings.filter((f) => counts.has(seriesOf(f)));
      expect(again.length).toBeGreaterThan(0);
      const after = (await app.http.get('/metrics')).text;
      for (const [series, count] of counts)
        expect(sample(after, series) - sample(before, series), series).toBe(count);
    }
  });
});

/** The value of one series in a Prometheus text exposition, 0 when absent. */
function sample(metrics: string, series: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
