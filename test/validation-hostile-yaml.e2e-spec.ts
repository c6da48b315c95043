import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliasKeyAttack } from '../src/validation/rules/testing.js';
import { createTestApp, type TestApp } from './helpers/app.js';

// Issue 18 item 2 (alias attacks, bounded answers) and issue 13 item 6 (YAML as go-yaml reads it),
// over HTTP, on the inline path (≤ 64 KiB) and on worker threads (above it). One pool per file:
// a second app with its own worker pool in the same test process ends that process (seen on the
// base commit too; reported to the pool's owner).
const WORKER_THRESHOLD = 64 * 1024;

/** Under the alias budget (15,000 aliases of 50 characters), padded past the worker threshold. */
function collectionKeys(keys: number): string {
  const text = aliasKeyAttack(50, 15_000, keys);
  return `${text}# ${'p'.repeat(Math.max(0, WORKER_THRESHOLD + 1024 - text.length))}\n`;
}

describe.each([
  ['inline', '0'],
  ['on worker threads', '2'],
])('POST /v1/manifests/validate with hostile aliases (%s)', (_, workers) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ VALIDATION_WORKERS: workers });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const send = (text: string) =>
    t.http.post('/v1/manifests/validate').set('Content-Type', 'application/yaml').send(text);

  it('answers the 33 KB and 73 KB alias-key attacks with a 422 naming the limit', async () => {
    for (const text of [aliasKeyAttack(30_000, 1000, 1), aliasKeyAttack(70_000, 1000, 20)]) {
      const res = await send(text);
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.text).detail).toMatch(
        /^YAML aliases in the manifest expand to more than 100000 nodes or 1000000 characters/,
      );
      expect(res.text.length).toBeLessThan(2048);
    }
  });

  it('answers the 600 KB `[a,a,…]` heap filler with a 422 naming the node limit', async () => {
    // 600,000 tokens in one document: its CST alone filled the 192 MB worker heap (issue 18 item 4).
    const res = await send(`[${Array.from({ length: 300_000 }, () => 'a').join(',')}]\n`);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text).detail).toMatch(
      /^The manifest has more than 200000 YAML nodes in one document or 500000 in all/,
    );
  });

  it('answers collection keys under the budget with short findings, not a copy of each key', async () => {
    const text = collectionKeys(20);
    expect(text.length).toBeGreaterThan(WORKER_THRESHOLD);
    const res = await send(text);
    expect(res.status).toBe(200);
    const rules = res.body.findings.map((f: { ruleId: string }) => f.ruleId);
    expect(rules.filter((id: string) => id === 'yaml/syntax')).toHaveLength(20);
    expect(rules.filter((id: string) => id === 'yaml/duplicate-key')).toHaveLength(19);
    expect(res.body.valid).toBe(false);
    expect(res.text.length).toBeLessThan(50_000);
  });

  it('reads the OpenTelemetry CRDs as kubectl does', async () => {
    const otel = readFileSync(
      new URL(
        '../src/validation/rules/yaml/syntax/fixtures/valid-go-yaml-quoted.yaml',
        import.meta.url,
      ),
      'utf8',
    );
    const res = await send(otel);
    expect(res.status).toBe(200);
    expect(res.body.summary.objects).toBe(3);
    expect(res.body.findings.filter((f: { ruleId: string }) => f.ruleId === 'yaml/syntax')).toEqual(
      [],
    );
  });

  it('lists at most 2,000 findings and says in `truncated` how many were left out', async () => {
    const text = Array.from(
      { length: 1000 },
      (_, i) =>
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  a: b\n  a: c\nbogus${i}: 1\nother${i}: 2\n`,
    ).join('---\n');
    expect(text.length).toBeGreaterThan(WORKER_THRESHOLD);
    const res = await send(text);
    expect(res.status).toBe(200);
    expect(res.body.findings).toHaveLength(2000);
    const { errors, warnings, infos } = res.body.summary;
    expect(res.body.truncated.findings).toBe(errors + warnings + infos - 2000);
    expect(res.body.valid).toBe(false);
  });
});
