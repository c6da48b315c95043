import { afterAll, describe, expect, it } from 'vitest';
import {
  ClientClosedRequestError,
  DomainError,
  ServiceUnavailableError,
  UnprocessableError,
} from '../../common/errors.js';
import { defaultWorkerEntry, ValidationPool } from './pool.js';
import { fixBundle } from '../fixing/fix-bundle.js';
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
    { threads: 1, queue: 16, queueWaitMs: 60_000, timeoutMs: 60_000, heapMb: 256 },
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

  it('runs a whole fix, every round, in one task, as fixBundle does inline', async () => {
    // Privilege escalation allowed in every container: one round of fixes, one validation more.
    const text = deployments(40).replaceAll(
      '          image: registry.example.com/web:1.2.3\n',
      '          image: registry.example.com/web:1.2.3\n          securityContext:\n            allowPrivilegeEscalation: true\n',
    );
    const before = pool.completed;
    const { outcome, submitted } = await pool.fix({ text, options: {}, fix: 'safe' });
    expect(pool.completed - before).toBe(1);
    const inline = await fixBundle(
      [{ content: text }],
      async (sources) => validateManifest(sources[0].content),
      'safe',
    );
    expect(outcome).toEqual(inline);
    expect(outcome.validations).toBe(2);
    expect(outcome.applied.some((a) => a.ruleId === 'container/privilege-escalation')).toBe(true);
    const first = validateManifest(text).findings;
    expect(submitted).toEqual(first.map(({ ruleId, severity }) => ({ ruleId, severity })));
  });

  it('brings the limit error of a fix task on the submitted files back as a 422 DomainError', async () => {
    const text = Array.from(
      { length: 1001 },
      (_, i) => `kind: ConfigMap\nmetadata: {name: c${i}}\n`,
    ).join('---\n');
    const error = await pool.fix({ text, options: {}, fix: 'safe' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ status: 422 });
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
      { threads: 1, queue: 1, queueWaitMs: 60_000, timeoutMs: 60_000, heapMb: 256 },
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
    const lost: string[] = [];
    const hasty = new ValidationPool(
      { threads: 1, queue: 4, queueWaitMs: 60_000, timeoutMs: 1, heapMb: 256 },
      entry!,
      { workerLost: (reason) => lost.push(reason) },
    );
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
      // Reported to podwire_validation_worker_restarts_total{reason="timeout"}.
      expect(lost).toEqual(['timeout', 'timeout']);
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
    const lost: string[] = [];
    const tight = new ValidationPool(
      { threads: 1, queue: 4, queueWaitMs: 60_000, timeoutMs: 60_000, heapMb: 16 },
      entry!,
      { workerLost: (reason) => lost.push(reason) },
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
      expect(lost).toEqual(['out-of-memory']);
    } finally {
      await tight.destroy();
    }
    const small = deployments(3);
    expect((await pool.run({ text: small, options: {} })).summary.objects).toBe(3);
  });

  it('hands the tasks queued behind a worker that ran out of heap to its replacement', async () => {
    // 32 MB: room for a worker and small manifests under load, far below what 1,000 Deployments need.
    // Neither bound can expire first: each queued task must be run, none may get a 503.
    const tight = new ValidationPool(
      { threads: 1, queue: 8, queueWaitMs: 600_000, timeoutMs: 600_000, heapMb: 32 },
      entry!,
    );
    try {
      const hungry = tight.run({ text: deployments(1000), options: {} });
      const legitimate = Array.from({ length: 5 }, (_, i) =>
        tight.run({ text: deployments(i + 1), options: {} }),
      );
      const outcomes = await Promise.allSettled([hungry, ...legitimate]);
      expect(outcomes[0]).toMatchObject({
        status: 'rejected',
        reason: expect.any(UnprocessableError) as unknown,
      });
      expect(
        outcomes.slice(1).map((o) => (o.status === 'fulfilled' ? o.value.summary.objects : o)),
      ).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await tight.destroy();
    }
  });

  it('runs waiting tasks first come, first served, under steady load', async () => {
    // Eight clients in a closed loop, each sending its next abortable task when the last is
    // answered: the pattern under which piscina's own queue left some tasks waiting indefinitely.
    const fifo = new ValidationPool(
      { threads: 1, queue: 64, queueWaitMs: 600_000, timeoutMs: 600_000, heapMb: 256 },
      entry!,
    );
    try {
      const text = deployments(2);
      let submitted = 0;
      const completed: number[] = [];
      const client = async () => {
        for (let round = 0; round < 40; round++) {
          const ticket = submitted++;
          await fifo.run({ text, options: {} }, new AbortController().signal);
          completed.push(ticket);
        }
      };
      await Promise.all(Array.from({ length: 8 }, client));
      expect(completed).toEqual(Array.from({ length: 320 }, (_, i) => i));
    } finally {
      await fifo.destroy();
    }
  });

  it('answers 503 with Retry-After to a task that waited longer than the queue-wait bound', async () => {
    const bounded = new ValidationPool(
      { threads: 1, queue: 4, queueWaitMs: 100, timeoutMs: 600_000, heapMb: 256 },
      entry!,
    );
    try {
      // The first takes far longer than 100 ms (a cold worker thread, then 1,000 Deployments).
      const first = bounded.run({ text: deployments(1000), options: {} });
      const second = bounded.run({ text: deployments(1), options: {} }).catch((e: unknown) => e);
      expect(await second).toBeInstanceOf(ServiceUnavailableError);
      expect(await second).toMatchObject({
        status: 503,
        retryAfterSeconds: 1,
        message:
          'No validation worker was free within 100 ms (VALIDATION_QUEUE_WAIT_MS); retry shortly.',
      });
      expect(bounded.queued).toBe(0);
      expect((await first).summary.objects).toBe(1000);
    } finally {
      await bounded.destroy();
    }
  });

  it('drops a waiting task whose client has gone without running it', async () => {
    const text = deployments(40);
    const running = pool.run({ text, options: {} });
    const client = new AbortController();
    const waiting = pool.run({ text, options: {} }, client.signal).catch((e: unknown) => e);
    expect(pool.queued).toBe(1);
    client.abort();
    expect(await waiting).toBeInstanceOf(ClientClosedRequestError);
    expect(pool.queued).toBe(0);
    expect((await running).summary.objects).toBe(40);
  });

  it('on drain, refuses new tasks and lets queued ones finish within the budget', async () => {
    const draining = new ValidationPool(
      { threads: 1, queue: 8, queueWaitMs: 600_000, timeoutMs: 600_000, heapMb: 256 },
      entry!,
    );
    try {
      const text = deployments(20);
      const accepted = Array.from({ length: 4 }, () => draining.run({ text, options: {} }));
      const drained = draining.drain(600_000);
      const late = await draining.run({ text, options: {} }).catch((e: unknown) => e);
      expect(late).toBeInstanceOf(ServiceUnavailableError);
      expect(late).toMatchObject({
        status: 503,
        message:
          'podwire is shutting down and takes no more large validations; retry on another replica.',
      });
      const results = await Promise.all(accepted);
      expect(results.map((r) => r.summary.objects)).toEqual([20, 20, 20, 20]);
      await drained;
    } finally {
      await draining.destroy();
    }
  });

  it('on drain, answers 503 to what is still queued or running when the budget is spent', async () => {
    const draining = new ValidationPool(
      { threads: 1, queue: 8, queueWaitMs: 600_000, timeoutMs: 600_000, heapMb: 256 },
      entry!,
    );
    try {
      const text = deployments(1000);
      const accepted = Array.from({ length: 3 }, () =>
        draining.run({ text, options: {} }).catch((e: unknown) => e),
      );
      await draining.drain(0);
      const outcomes = await Promise.all(accepted);
      for (const outcome of outcomes) {
        expect(outcome).toBeInstanceOf(ServiceUnavailableError);
        expect(outcome).toMatchObject({ status: 503, retryAfterSeconds: 1 });
      }
    } finally {
      await draining.destroy();
    }
  });
});
