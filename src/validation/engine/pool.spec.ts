import { afterAll, describe, expect, it } from 'vitest';
import {
  ClientClosedRequestError,
  DomainError,
  ServiceUnavailableError,
  UnprocessableError,
} from '../../common/errors.js';
import { defaultWorkerEntry, ValidationPool } from './pool.js';
import { validateManifest } from './validate.js';

const deployment = (i: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
spec:
  replicas: "3"
  selector:
    matchLabels: {app: web-${i}}
  template:
    metadata:
      labels: {app: web-${i}}
    spec:
      containers:
        - name: app
          image: registry.example.com/web:1.2.3
`;

/** A bundle of `count` Deployments, each with one schema error. */
const deployments = (count: number) =>
  Array.from({ length: count }, (_, i) => deployment(i)).join('---\n');

describe('ValidationPool (real worker threads, TypeScript sources loaded through swc)', () => {
  const entry = defaultWorkerEntry();
  const pool = new ValidationPool(
    { threads: 1, queue: 16, timeoutMs: 60_000, heapMb: 256 },
    entry!,
  );
  afterAll(() => pool.destroy());

  it('finds a worker entry when running from the sources', () => {
    expect(entry?.filename).toMatch(/ts-worker\.mjs$/);
  });

  it('returns exactly what the inline engine returns', async () => {
    const text = deployments(40);
    const inWorker = await pool.run({ text, options: { scope: 'partial' } });
    expect(inWorker).toEqual(validateManifest(text, { scope: 'partial' }));
    expect(inWorker.summary.objects).toBe(40);
    expect(pool.completed).toBeGreaterThanOrEqual(1);
  });

  it('brings limit errors back as DomainErrors with status and detail', async () => {
    const text = Array.from(
      { length: 1001 },
      (_, i) => `kind: ConfigMap\nmetadata: {name: c${i}}\n`,
    ).join('---\n');
    const error = await pool.run({ text, options: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      status: 422,
      message: 'The manifest has more than 1000 YAML documents (limit: 1000 documents).',
    });
  });

  it('refuses work beyond its queue with a 503 instead of queueing without end', async () => {
    const small = new ValidationPool(
      { threads: 1, queue: 1, timeoutMs: 60_000, heapMb: 256 },
      entry!,
    );
    try {
      const text = deployments(40);
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, () =>
          small.run({ text, options: {} }).then(
            (result) => result.summary.objects,
            (error: unknown) => error,
          ),
        ),
      );
      const refused = outcomes.filter((o) => o instanceof ServiceUnavailableError);
      // One running and one waiting; the other four are refused at once.
      expect(refused).toHaveLength(4);
      expect(refused[0]).toMatchObject({ status: 503, retryAfterSeconds: 1 });
      expect(outcomes.filter((o) => o === 40)).toHaveLength(2);
    } finally {
      await small.destroy();
    }
  });

  it('answers 503 when a validation outlasts the timeout, and stays usable', async () => {
    const hasty = new ValidationPool({ threads: 1, queue: 4, timeoutMs: 1, heapMb: 256 }, entry!);
    try {
      const text = deployments(40);
      const error = await hasty.run({ text, options: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error).toMatchObject({
        status: 503,
        message: 'The validation did not finish within 1 ms (VALIDATION_TIMEOUT_MS).',
      });
      const again = await hasty.run({ text, options: {} }).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(ServiceUnavailableError);
    } finally {
      await hasty.destroy();
    }
  });

  it('stops a validation whose client has gone, and validates the next one', async () => {
    const text = deployments(40);
    const client = new AbortController();
    const abandoned = pool.run({ text, options: {} }, client.signal).catch((e: unknown) => e);
    client.abort();
    const error = await abandoned;
    expect(error).toBeInstanceOf(ClientClosedRequestError);
    expect(error).toMatchObject({ status: 499 });
    const next = await pool.run({ text, options: {} }, new AbortController().signal);
    expect(next.summary.objects).toBe(40);
  });

  it('answers 422 when a manifest needs more heap than a worker may use; the process lives on', async () => {
    const tight = new ValidationPool(
      { threads: 1, queue: 4, timeoutMs: 60_000, heapMb: 16 },
      entry!,
    );
    try {
      const text = deployments(1000);
      const error = await tight.run({ text, options: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnprocessableError);
      expect(error).toMatchObject({
        status: 422,
        message:
          'The manifest needs more memory to validate than a worker may use (limit: 16 MB, VALIDATION_WORKER_HEAP_MB).',
      });
    } finally {
      await tight.destroy();
    }
    const small = deployments(3);
    expect((await pool.run({ text: small, options: {} })).summary.objects).toBe(3);
  });
});
