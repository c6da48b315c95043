import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

const SEED_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations: {podwire.dev/ignore: "container/latest-tag"}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: registry.example.com/web:1.2.3
          ports: [{name: http, containerPort: 8080}]
          env:
            - {name: MODE, value: "on"}
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata: {name: web}
    spec:
      selector: {app: web}
      ports: [{port: 80, targetPort: http}]
`;

/** Characters that matter to YAML's grammar, so mutations hit the parser's edge cases. */
const YAML_CHARS = [
  ...':-?[]{},&*!|>\'"%@`#\n\t ',
  'a',
  '0',
  '<<',
  '---\n',
  '...\n',
  '&a ',
  '*a',
  '!!binary ',
  '__proto__: ',
];

const mutation = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 6 }),
  insert: fc.array(fc.constantFrom(...YAML_CHARS), { maxLength: 6 }).map((parts) => parts.join('')),
});

function mutate(
  text: string,
  edits: ReadonlyArray<{ at: number; remove: number; insert: string }>,
): string {
  let out = text;
  for (const edit of edits) {
    const at = edit.at % (out.length + 1);
    out = out.slice(0, at) + edit.insert + out.slice(at + edit.remove);
  }
  return out;
}

const ACCEPTABLE = new Set([200, 400, 413, 422]);

describe('POST /v1/manifests/validate under fuzzing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '64kb' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const post = (body: string) =>
    t.http.post('/v1/manifests/validate').set('Content-Type', 'application/yaml').send(body);

  it('answers mutated manifests with 200 or a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 8 }), async (edits) => {
        const res = await post(mutate(SEED_MANIFEST, edits));
        expect(ACCEPTABLE.has(res.status)).toBe(true);
        if (res.status === 200) expect(typeof res.body.valid).toBe('boolean');
      }),
      { numRuns: 120 },
    );
  });

  it('answers random text with 200 or a 4xx problem', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.constantFrom(...YAML_CHARS), { maxLength: 300 }).map((parts) => parts.join('')),
    );
    await fc.assert(
      fc.asyncProperty(text, async (body) => {
        const res = await post(body);
        expect(ACCEPTABLE.has(res.status)).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it('answers random JSON requests and every Accept with 200 or a 4xx problem', async () => {
    const request = fc.record(
      {
        manifest: fc.oneof(fc.constant(SEED_MANIFEST), fc.string({ maxLength: 80 }), fc.integer()),
        filename: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('deploy/web.yaml')),
        scope: fc.constantFrom('complete', 'partial', 'x'),
        kubernetesVersion: fc.constantFrom('1.28', '1.34', '9.9'),
        rules: fc.record({
          disable: fc.array(fc.constantFrom('yaml/syntax', 'pod/host-network', 'nope/nope', 'x'), {
            maxLength: 3,
          }),
        }),
      },
      { requiredKeys: [] },
    );
    const accept = fc.constantFrom(
      'application/json',
      'application/sarif+json',
      'text/markdown',
      'text/plain',
      '*/*',
    );
    await fc.assert(
      fc.asyncProperty(request, accept, async (body, type) => {
        const res = await t.http.post('/v1/manifests/validate').set('Accept', type).send(body);
        expect(ACCEPTABLE.has(res.status)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('answers nesting, alias and document-count bombs with 422', async () => {
    const bombs = fc.oneof(
      fc.integer({ min: 101, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
      fc.integer({ min: 101, max: 3000 }).map((n) => '- '.repeat(n) + 'x'),
      fc.integer({ min: 1001, max: 2000 }).map((n) => '---\na: 1\n'.repeat(n)),
    );
    await fc.assert(
      fc.asyncProperty(bombs, async (body) => {
        expect((await post(body)).status).toBe(422);
      }),
      { numRuns: 15 },
    );
  });
});
