import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

/**
 * Issue 14 / DESIGN §9: the files of one application in one request. The fixture app is clean
 * but for one cross-file error: the Ingress (ingress.yaml:18) routes to a Service port "https"
 * that the Service in service.yaml does not expose.
 */
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;
const sarifSchema = JSON.parse(
  readFileSync(new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
);
const NAMES = ['deployment.yaml', 'service.yaml', 'configmap.yaml', 'ingress.yaml'];
const FILES = NAMES.map((name) => ({
  filename: `shop/${name}`,
  content: readFileSync(new URL(`./fixtures/multi-file-app/${name}`, import.meta.url), 'utf8'),
}));
const CONCATENATED = FILES.map((file) => file.content).join('---\n');
/** Lines before ingress.yaml in the concatenation: every earlier file and its `---`. */
const INGRESS_OFFSET = FILES.slice(0, 3).reduce(
  (lines, file) => lines + file.content.split('\n').length - 1 + 1,
  0,
);
const RULE = 'ingress/backend-unresolved';

interface Ref {
  filename?: string;
  documentIndex: number;
  kind?: string;
  name?: string;
}
interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  object: Ref;
  range: { line: number; column: number; endLine: number; endColumn: number };
  related?: Array<{ object: Ref; range: { line: number } }>;
}

describe('POST /v1/manifests/validate with many files', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://podwire.example.com' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const post = (body: unknown, accept = 'application/json') =>
    t.http
      .post('/v1/manifests/validate')
      .set('Accept', accept)
      .send(body as object);
  const multipart = (files = FILES, accept = 'application/json') => {
    let req = t.http.post('/v1/manifests/validate').set('Accept', accept);
    for (const file of files) {
      // form-data keeps only the basename of `filename`; its `filepath` (absent from superagent's
      // types) sends the path, as curl's `-F "file=@k8s/a.yaml;filename=k8s/a.yaml"` does.
      const options = { filepath: file.filename, contentType: 'application/yaml' };
      req = req.attach('file', Buffer.from(file.content), options as { contentType: string });
    }
    return req;
  };

  it('JSON files: one bundle, exactly one finding, in the right file at the right line', async () => {
    const res = await post({ files: FILES });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    const findings = res.body.findings as Finding[];
    expect(
      findings.map((f) => [f.ruleId, f.object.filename, f.range.line, f.range.column]),
    ).toEqual([[RULE, 'shop/ingress.yaml', 18, 25]]);
    expect(findings[0].object).toMatchObject({ filename: 'shop/ingress.yaml', documentIndex: 0 });
    // Every object names its file, and its line is in that file.
    expect(
      (res.body.objects as Array<Ref & { line: number }>).map((o) => [o.filename, o.kind, o.line]),
    ).toEqual([
      ['shop/deployment.yaml', 'Deployment', 1],
      ['shop/service.yaml', 'Service', 1],
      ['shop/configmap.yaml', 'ConfigMap', 1],
      ['shop/ingress.yaml', 'Ingress', 1],
      ['shop/ingress.yaml', 'NetworkPolicy', 20],
    ]);
    expect(res.body.summary).toMatchObject({ documents: 5, objects: 5, errors: 1, warnings: 0 });
  });

  it('files sent one by one would each report references the others resolve', async () => {
    const alone = await post({ files: [FILES[3]] });
    expect((alone.body.findings as Finding[]).length).toBeGreaterThan(1);
  });

  it('the same app concatenated: the same finding, with concatenated positions', async () => {
    const split = ((await post({ files: FILES })).body.findings as Finding[])[0];
    const res = await post({ manifest: CONCATENATED });
    const findings = res.body.findings as Finding[];
    expect(findings).toHaveLength(1);
    expect(findings[0].object.filename).toBeUndefined();
    expect(findings[0].object.documentIndex).toBe(3);
    expect([findings[0].ruleId, findings[0].message]).toEqual([split.ruleId, split.message]);
    expect(findings[0].range).toEqual({
      ...split.range,
      line: split.range.line + INGRESS_OFFSET,
      endLine: split.range.endLine + INGRESS_OFFSET,
    });
  });

  it('multipart/form-data: one part per file, its filename kept, the same result as JSON', async () => {
    const json = await post({ files: FILES });
    const res = await multipart();
    expect(res.status).toBe(200);
    expect(res.body).toEqual(json.body);
  });

  it('multipart takes options as fields and a config part', async () => {
    const res = await multipart()
      .field('scope', 'partial')
      .attach('config', Buffer.from(`severity:\n  ${RULE}: warning\n`), {
        filename: '.podwire.yaml',
      });
    expect(res.status).toBe(200);
    const findings = res.body.findings as Finding[];
    expect(findings.find((f) => f.ruleId === RULE)?.severity).toBe('warning');
    expect(findings.every((f) => f.severity !== 'error')).toBe(true);
    expect(res.body.valid).toBe(true);
  });

  it('text/plain: file:line:column per finding, with its own file', async () => {
    const res = await post({ files: FILES }, 'text/plain');
    expect(res.status).toBe(200);
    expect(res.text.trimEnd().split('\n')).toEqual([
      `shop/ingress.yaml:18:25: error ${RULE} Ingress shop/web routes to port "https" of Service web, which exposes no such port (ports: http (80))`,
    ]);
  });

  it('text/markdown: findings grouped under their file', async () => {
    const res = await post({ files: FILES }, 'text/markdown');
    expect(res.status).toBe(200);
    expect(res.text).toContain('### podwire: 4 file(s) are ❌ invalid');
    const rows = res.text.split('\n').filter((line) => line.startsWith('| error'));
    expect(rows).toEqual([
      expect.stringContaining(`| error | \`${RULE}\` | 18:25 Ingress/shop/web |`),
    ]);
    expect(res.text.indexOf('#### `shop/ingress.yaml`')).toBeLessThan(res.text.indexOf(rows[0]));
    expect(res.text).not.toContain('#### `shop/service.yaml`');
  });

  it('SARIF: valid 2.1.0, one artifact per file, the result in its file, helpUri per rule', async () => {
    const res = await post({ files: FILES }, 'application/sarif+json');
    expect(res.status).toBe(200);
    const sarif = JSON.parse(res.text);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(sarifSchema);
    expect(validate(sarif), ajv.errorsText(validate.errors)).toBe(true);
    const run = sarif.runs[0];
    expect(run.artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toEqual(
      FILES.map((file) => file.filename),
    );
    expect(run.results).toHaveLength(1);
    expect(run.results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'shop/ingress.yaml', index: 3 },
      region: { startLine: 18, startColumn: 25, endLine: 18, endColumn: 30 },
    });
    const related = run.results[0].relatedLocations ?? [];
    for (const location of related) {
      expect(FILES.map((f) => f.filename)).toContain(
        location.physicalLocation.artifactLocation.uri,
      );
    }
    const rule = run.tool.driver.rules[run.results[0].ruleIndex];
    expect(rule.id).toBe(RULE);
    expect(rule.helpUri).toBe(`https://podwire.example.com/v1/rules/${RULE}`);
    // The helpUri is a route that answers.
    const doc = await t.http.get(`/v1/rules/${RULE}`);
    expect(doc.status).toBe(200);
  });

  it('related locations carry their own file', async () => {
    const res = await post({ files: FILES });
    const related = (res.body.findings as Finding[])[0].related ?? [];
    for (const location of related)
      expect(NAMES.map((n) => `shop/${n}`)).toContain(location.object.filename);
  });

  describe('config', () => {
    it('severity overrides, disable and ignore are honoured', async () => {
      const warning = await post({ files: FILES, config: { severity: { [RULE]: 'warning' } } });
      expect(warning.status).toBe(200);
      expect(warning.body.valid).toBe(true);
      expect((warning.body.findings as Finding[]).map((f) => [f.ruleId, f.severity])).toEqual([
        [RULE, 'warning'],
      ]);
      expect(warning.body.summary).toMatchObject({ errors: 0, warnings: 1 });

      const disabled = await post({ files: FILES, config: { disable: [RULE] } });
      expect(disabled.body.findings).toEqual([]);
      expect(disabled.body.valid).toBe(true);

      const ignored = await post({ files: FILES, config: { ignore: ['ingress.yaml'] } });
      expect(ignored.body.summary.objects).toBe(3);
      expect((ignored.body.objects as Ref[]).map((o) => o.filename)).not.toContain(
        'shop/ingress.yaml',
      );
    });

    it('request options win over the config; the config fills the rest', async () => {
      const partial = await post({ files: [FILES[3]], config: { scope: 'partial' } });
      const complete = await post({
        files: [FILES[3]],
        scope: 'complete',
        config: { scope: 'partial' },
      });
      const errors = (res: { body: { summary: { errors: number } } }) => res.body.summary.errors;
      expect(errors(partial)).toBeLessThan(errors(complete));
    });

    it('applies to a single manifest too', async () => {
      const res = await post({ manifest: CONCATENATED, config: { disable: [RULE] } });
      expect(res.body.findings).toEqual([]);
    });

    it('a bad config is a 400 naming the key', async () => {
      const res = await post({
        files: FILES,
        config: {
          severtiy: {},
          severity: { [RULE]: 'fatal', 'no/such-rule': 'info' },
          scope: 'all',
        },
      });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([
        'config.scope',
        'config.severity.ingress/backend-unresolved',
        'config.severity.no/such-rule',
        'config.severtiy',
      ]);
    });

    it('a bad multipart config part is a 400 naming the key', async () => {
      const res = await multipart().attach('config', Buffer.from('kubernetesVersion: "0.1"\n'), {
        filename: '.podwire.yaml',
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'config.kubernetesVersion' }),
      ]);
    });
  });

  describe('filenames and limits', () => {
    it.each([
      ['../secret.yaml', 'has a ".." segment'],
      ['/etc/app.yaml', 'is an absolute path'],
      ['a\\b.yaml', 'contains a backslash'],
      ['a\u0000.yaml', 'contains a NUL character'],
      ['', 'is empty'],
    ])('refuses the filename %j with a 400 naming the file', async (filename, why) => {
      const res = await post({ files: [FILES[0], { filename, content: FILES[1].content }] });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'files[1].filename', message: expect.stringContaining(why) },
      ]);
    });

    it('refuses duplicate filenames, naming the second', async () => {
      const res = await post({
        files: [FILES[0], FILES[1], { ...FILES[0], filename: `./${FILES[0].filename}` }],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'files[2].filename', message: expect.stringContaining('files[0].filename') },
      ]);
    });

    it('refuses an unsafe multipart filename, naming the part', async () => {
      const res = await multipart([FILES[0], { ...FILES[1], filename: '../../service.yaml' }]);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'parts[1].filename', message: expect.stringContaining('".."') },
      ]);
    });

    it('refuses a multipart part that is neither a file nor an option', async () => {
      const res = await multipart([FILES[0]]).field('colour', 'blue');
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        {
          field: expect.stringMatching(/^parts\[\d\]$/),
          message: expect.stringContaining('"colour"'),
        },
      ]);
    });

    it('refuses more than 1,000 files with a 422', async () => {
      const files = Array.from({ length: 1001 }, (_, i) => ({
        filename: `f${i}.yaml`,
        content: '',
      }));
      const res = await post({ files });
      expect(res.status).toBe(422);
      expect(res.body.detail).toContain('1000 files');
    });

    it('counts documents over all files together', async () => {
      const files = Array.from({ length: 3 }, (_, i) => ({
        filename: `cm-${i}.yaml`,
        content: Array.from(
          { length: 400 },
          (_, j) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}-${j}}\n`,
        ).join('---\n'),
      }));
      const res = await post({ files });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toBe('manifest');
    });

    it('refuses "manifest" and "files" together', async () => {
      const res = await post({ manifest: CONCATENATED, files: FILES });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('manifest');
    });
  });

  describe('manifest/empty', () => {
    it.each([
      ['no files', { files: [] }],
      ['empty files', { files: [{ filename: 'a.yaml', content: '# nothing\n' }] }],
      ['an empty manifest', { manifest: '' }],
      ['an empty List', { apiVersion: 'v1', kind: 'List', items: [] }],
    ])('%s: valid false with one manifest/empty finding', async (_, body) => {
      const res = await post(body);
      expect(res.status).toBe(200);
      expect(res.body.valid).toBe(false);
      expect((res.body.findings as Finding[]).map((f) => f.ruleId)).toEqual(['manifest/empty']);
    });

    it('an empty YAML body', async () => {
      const res = await t.http
        .post('/v1/manifests/validate')
        .set('Content-Type', 'application/yaml')
        .send('# a glob that matched nothing\n');
      expect(res.status).toBe(200);
      expect(res.body.valid).toBe(false);
      expect(res.body.findings[0].ruleId).toBe('manifest/empty');
    });
  });

  describe('JSON manifests (kubectl get -o json)', () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    };
    const json = (body: unknown) =>
      t.http
        .post('/v1/manifests/validate?scope=partial')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body, null, 4));

    it('one object sent as the JSON body is validated with positions in that text', async () => {
      const bad = { ...service, spec: { ...service.spec, ports: [{ name: 'http', port: '80' }] } };
      const res = await json(bad);
      expect(res.status).toBe(200);
      const finding = (res.body.findings as Finding[]).find(
        (f) => f.ruleId === 'schema/invalid-type',
      );
      const lines = JSON.stringify(bad, null, 4).split('\n');
      const line = lines.findIndex((text) => text.includes('"port": "80"'));
      expect(line).toBeGreaterThan(0);
      expect(finding?.range).toMatchObject({
        line: line + 1,
        column: lines[line].indexOf('"80"') + 1,
      });
    });

    it('a List and a JSON array of objects', async () => {
      const list = await json({ apiVersion: 'v1', kind: 'List', items: [service, FILES.length] });
      expect(list.body.summary.objects).toBe(1);
      expect((list.body.findings as Finding[]).map((f) => f.ruleId)).toContain(
        'manifest/missing-type',
      );
      const array = await json([
        service,
        { ...service, metadata: { name: 'api', namespace: 'shop' } },
      ]);
      expect(array.status).toBe(200);
      expect(
        (array.body.objects as Array<Ref & { line: number }>).map((o) => [o.name, o.line]),
      ).toEqual([
        ['web', 2],
        ['api', JSON.stringify([service, service], null, 4).split('\n').lastIndexOf('    {') + 1],
      ]);
    });

    it('a JSON file in a multi-file request is read like YAML', async () => {
      const res = await post({
        files: [
          ...FILES.slice(0, 3),
          {
            filename: 'shop/ingress.json',
            content: JSON.stringify(
              {
                apiVersion: 'networking.k8s.io/v1',
                kind: 'Ingress',
                metadata: { name: 'web', namespace: 'shop' },
                spec: {
                  ingressClassName: 'nginx',
                  defaultBackend: { service: { name: 'web', port: { name: 'https' } } },
                },
              },
              null,
              2,
            ),
          },
        ],
      });
      // The NetworkPolicy stayed in ingress.yaml, so the pods are not isolated any more.
      const findings = (res.body.findings as Finding[]).filter((f) => f.ruleId === RULE);
      expect(findings.map((f) => [f.object.filename, f.range.line, f.range.column])).toEqual([
        ['shop/ingress.json', 14, 19],
      ]);
    });
  });
});

describe('multipart at the edge', () => {
  it('checks the API key before reading a multipart body', async () => {
    const t = await createTestApp({ API_KEYS: 'secret-key' });
    try {
      const res = await t.http
        .post('/v1/manifests/validate')
        .attach('file', Buffer.from(FILES[0].content), { filename: 'a.yaml' });
      expect(res.status).toBe(401);
    } finally {
      await t.app.close();
    }
  });

  it('answers a multipart body over VALIDATE_BODY_LIMIT with 413 naming it', async () => {
    const t = await createTestApp({ VALIDATE_BODY_LIMIT: '2kb' });
    try {
      const res = await t.http
        .post('/v1/manifests/validate')
        .attach('file', Buffer.from(FILES[0].content), { filename: 'a.yaml' })
        .attach('file', Buffer.from(FILES[0].content), { filename: 'b.yaml' })
        .attach('file', Buffer.from(FILES[0].content), { filename: 'c.yaml' });
      expect(res.status).toBe(413);
      expect(res.body.detail).toContain('VALIDATE_BODY_LIMIT');
    } finally {
      await t.app.close();
    }
  });

  it('a multipart body without a boundary is a 400', async () => {
    const t = await createTestApp();
    try {
      const res = await t.http
        .post('/v1/manifests/validate')
        .set('Content-Type', 'multipart/form-data')
        .send('x');
      expect(res.status).toBe(400);
    } finally {
      await t.app.close();
    }
  });
});
