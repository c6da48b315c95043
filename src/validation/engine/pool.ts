import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import {
  ClientClosedRequestError,
  DomainError,
  ServiceUnavailableError,
  UnprocessableError,
} from '../../common/errors.js';
import type { ValidationResult } from './result.js';
import type { ApplyMode } from '../fixing/apply.js';
import type { FixOutcome } from '../fixing/fix-bundle.js';
import type { FindingTally } from '../fixing/fix-run.js';
import type { WorkerInternalError, WorkerOutcome, WorkerTask } from './worker.js';

/**
 * Bodies above this size are validated in the worker pool; below it the thread hop costs more
 * than the validation (a 64 KiB manifest parses in roughly 40 ms).
 */
export const WORKER_THRESHOLD_BYTES = 64 * 1024;

export interface WorkerEntry {
  filename: string;
  workerData?: unknown;
}

/**
 * Where the worker code is: the compiled `worker.js` next to this file (dist/), or, when running
 * from the TypeScript sources (tests, `vitest`), `worker.ts` loaded through the test suite's swc
 * hooks, since worker threads do not inherit Vitest's transform. Undefined: no pool possible.
 */
export function defaultWorkerEntry(): WorkerEntry | undefined {
  const compiled = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return { filename: compiled.href };
  const source = new URL('./worker.ts', import.meta.url);
  const loader = new URL('../../../test/helpers/ts-worker.mjs', import.meta.url);
  if (existsSync(fileURLToPath(source)) && existsSync(fileURLToPath(loader))) {
    return { filename: loader.href, workerData: { entry: source.href } };
  }
  return undefined;
}

export interface PoolLimits {
  threads: number;
  /** Tasks that may wait for a thread; one more is refused with 503 rather than queued. */
  queue: number;
  /**
   * Longest time a task may wait for a thread; beyond it, 503 with Retry-After. Well below
   * `timeoutMs`, so a caller behind a backlog learns it soon and may retry elsewhere.
   */
  queueWaitMs: number;
  /** Longest time a worker may run one task; a worker still running it is terminated (503). */
  timeoutMs: number;
  /**
   * Old-generation heap of each worker. Without it V8 sizes the heap from the host's memory and
   * collects lazily (≈ 70 MB more RSS under the bench's mixed load); a manifest that needs more
   * ends its worker (422), never the process.
   */
  heapMb: number;
}

export interface PoolObserver {
  internalError?: (source: string, error: WorkerInternalError) => void;
  /** Seconds a task waited in the queue before a worker took it. */
  queueWait?: (seconds: number) => void;
  /** Seconds a worker spent on a task, however it ended. */
  runTime?: (seconds: number) => void;
  /** A worker was terminated mid-task (piscina replaces it on demand), and why. */
  workerLost?: (reason: WorkerLossReason) => void;
}

export type WorkerLossReason = 'timeout' | 'cancelled' | 'shutdown' | 'out-of-memory' | 'crashed';

interface Waiting {
  task: WorkerTask;
  cancel?: AbortSignal;
  enqueuedAt: number;
  resolve: (outcome: WorkerOutcome) => void;
  reject: (error: unknown) => void;
  /** Undoes the queue-wait timer and the cancel listener. */
  release: () => void;
}

/**
 * Validation workers behind a FIFO of our own. Piscina is handed a task only when a worker is
 * free (never more than `threads` at once), so its own queue stays empty: its scheduling can
 * starve tasks under steady load, and tasks it queued behind a worker that died were left
 * waiting for the timeout. Here the oldest waiting task always goes next, a dead worker's slot is
 * freed the moment its task settles, and no task waits longer than `queueWaitMs`.
 */
export class ValidationPool {
  private readonly piscina: Piscina;
  private readonly waiting: Waiting[] = [];
  /** Tasks handed to piscina and not yet settled, with what stops each. */
  private readonly running = new Set<AbortController>();
  private accepting = true;
  /** Set by drain(): called once nothing is queued or running. */
  private whenIdle?: () => void;

  constructor(
    private readonly limits: PoolLimits,
    entry: WorkerEntry,
    private readonly observer: PoolObserver = {},
  ) {
    this.piscina = new Piscina({
      filename: entry.filename,
      workerData: entry.workerData,
      minThreads: 0,
      maxThreads: limits.threads,
      concurrentTasksPerWorker: 1,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb },
    });
  }

  /** `cancel` (e.g. the client has gone) stops the task, terminating its worker if it runs. */
  async run(task: WorkerTask, cancel?: AbortSignal): Promise<ValidationResult> {
    return (await this.settle(task, cancel)).result;
  }

  /**
   * A whole fix in one task (all its rounds, fix-run.ts), under the same queue, time limit and
   * cancellation as one validation. Also returns the findings of the submitted files.
   */
  async fix(
    task: WorkerTask & { fix: ApplyMode },
    cancel?: AbortSignal,
  ): Promise<{ outcome: FixOutcome; submitted: FindingTally }> {
    const { result, fixed } = await this.settle(task, cancel);
    if (!fixed) throw new Error('The validation worker answered a fix task without a fix');
    return { outcome: { ...fixed.outcome, result }, submitted: fixed.submitted };
  }

  private async settle(task: WorkerTask, cancel?: AbortSignal) {
    const outcome = await this.submit(task, cancel);
    if (!outcome.ok)
      throw new DomainError(outcome.status, outcome.title, outcome.detail, outcome.errors);
    for (const error of outcome.internalErrors) this.observer.internalError?.(error.source, error);
    return outcome;
  }

  /**
   * A bounded queue sheds load instead of letting latency and memory grow without end; the
   * queue-wait bound and the timeout guarantee an answer even behind a backlog or a validation
   * that never finishes. All are 503s: the caller (or the API server, for admission) may retry,
   * and the manifest itself is not at fault. A client that left frees its place at once (499, for
   * the logs only).
   */
  private submit(task: WorkerTask, cancel?: AbortSignal): Promise<WorkerOutcome> {
    if (!this.accepting) return Promise.reject(shuttingDown());
    if (cancel?.aborted) return Promise.reject(new ClientClosedRequestError());
    if (this.running.size < this.limits.threads && this.waiting.length === 0) {
      return this.start(task, cancel, performance.now());
    }
    if (this.waiting.length >= this.limits.queue) {
      return Promise.reject(
        new ServiceUnavailableError(
          `All validation workers are busy and ${this.limits.queue} large manifests are waiting; retry shortly.`,
          1,
        ),
      );
    }
    return new Promise<WorkerOutcome>((resolve, reject) => {
      const leave = (error: unknown) => {
        const index = this.waiting.indexOf(entry);
        if (index >= 0) this.waiting.splice(index, 1);
        entry.release();
        reject(error);
        this.settled();
      };
      const timer = setTimeout(
        () =>
          leave(
            new ServiceUnavailableError(
              `No validation worker was free within ${this.limits.queueWaitMs} ms (VALIDATION_QUEUE_WAIT_MS); retry shortly.`,
              Math.max(1, Math.ceil(this.limits.queueWaitMs / 1000)),
            ),
          ),
        this.limits.queueWaitMs,
      );
      const onCancel = () => leave(new ClientClosedRequestError());
      cancel?.addEventListener('abort', onCancel, { once: true });
      const entry: Waiting = {
        task,
        cancel,
        enqueuedAt: performance.now(),
        resolve,
        reject,
        release: () => {
          clearTimeout(timer);
          cancel?.removeEventListener('abort', onCancel);
        },
      };
      this.waiting.push(entry);
    });
  }

  /** Runs one task on a free worker; when it settles, however it ends, the next one starts. */
  private async start(
    task: WorkerTask,
    cancel: AbortSignal | undefined,
    enqueuedAt: number,
  ): Promise<WorkerOutcome> {
    const startedAt = performance.now();
    this.observer.queueWait?.((startedAt - enqueuedAt) / 1000);
    const stop = new AbortController();
    this.running.add(stop);
    const timeout = AbortSignal.timeout(this.limits.timeoutMs);
    const signals = [stop.signal, timeout, ...(cancel ? [cancel] : [])];
    try {
      return (await this.piscina.run(task, { signal: AbortSignal.any(signals) })) as WorkerOutcome;
    } catch (error) {
      // Piscina terminates the worker of an aborted task; the others died on their own.
      const lost = (reason: WorkerLossReason) => this.observer.workerLost?.(reason);
      if (error instanceof Error && error.name === 'AbortError') {
        if (cancel?.aborted) {
          lost('cancelled');
          throw new ClientClosedRequestError();
        }
        if (stop.signal.aborted) {
          lost('shutdown');
          throw shuttingDown();
        }
        lost('timeout');
        throw new ServiceUnavailableError(
          `The validation did not finish within ${this.limits.timeoutMs} ms (VALIDATION_TIMEOUT_MS).`,
          Math.max(1, Math.ceil(this.limits.timeoutMs / 1000)),
        );
      }
      if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        lost('out-of-memory');
        const detail = `The manifest needs more memory to validate than a worker may use (limit: ${this.limits.heapMb} MB, VALIDATION_WORKER_HEAP_MB).`;
        throw new UnprocessableError(detail, [{ field: 'manifest', message: detail }]);
      }
      lost('crashed');
      throw error;
    } finally {
      this.observer.runTime?.((performance.now() - startedAt) / 1000);
      this.running.delete(stop);
      this.next();
    }
  }

  /** Hands the oldest waiting task to the worker that has just become free. */
  private next(): void {
    while (this.running.size < this.limits.threads && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      entry.release();
      this.start(entry.task, entry.cancel, entry.enqueuedAt).then(entry.resolve, entry.reject);
    }
    this.settled();
  }

  /** Tasks waiting for a worker (for tests and metrics). */
  get queued(): number {
    return this.waiting.length;
  }

  /** Tasks completed by workers (for tests and metrics). */
  get completed(): number {
    return this.piscina.completed;
  }

  /**
   * Shutdown: new tasks are refused (503) from now on; what is queued or running may finish for
   * `budgetMs`, then answers 503, so every request gets an answer before the process exits.
   * Resolves when nothing is queued or running any more.
   */
  async drain(budgetMs: number): Promise<void> {
    this.accepting = false;
    if (this.isIdle) return;
    const deadline = setTimeout(() => this.abandon(), budgetMs);
    await new Promise<void>((resolve) => (this.whenIdle = resolve));
    clearTimeout(deadline);
  }

  private get isIdle(): boolean {
    return this.running.size === 0 && this.waiting.length === 0;
  }

  private settled(): void {
    if (this.isIdle) this.whenIdle?.();
  }

  private abandon(): void {
    for (const entry of this.waiting.splice(0)) {
      entry.release();
      entry.reject(shuttingDown());
    }
    this.settled();
    for (const stop of this.running) stop.abort();
  }

  async destroy(): Promise<void> {
    this.accepting = false;
    this.abandon();
    await this.piscina.destroy();
  }
}

function shuttingDown(): ServiceUnavailableError {
  return new ServiceUnavailableError(
    'podwire is shutting down and takes no more large validations; retry on another replica.',
    1,
  );
}
