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
  /** Longest time from submission to result; a worker still running the task is terminated. */
  timeoutMs: number;
  /**
   * Old-generation heap of each worker. Without it V8 sizes the heap from the host's memory and
   * collects lazily (≈ 70 MB more RSS under the bench's mixed load); a manifest that needs more
   * ends its worker (422), never the process.
   */
  heapMb: number;
}

/** A piscina pool of validation workers; results and DomainErrors come back as on the main thread. */
export class ValidationPool {
  private readonly piscina: Piscina;
  /** Tasks submitted and not yet settled. Counted here: piscina's maxQueue ignores abortable tasks. */
  private inFlight = 0;

  constructor(
    private readonly limits: PoolLimits,
    entry: WorkerEntry,
    private readonly onInternalError?: (source: string, error: WorkerInternalError) => void,
  ) {
    this.piscina = new Piscina({
      filename: entry.filename,
      workerData: entry.workerData,
      minThreads: 0,
      maxThreads: limits.threads,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb },
    });
  }

  /** `cancel` (e.g. the client has gone) stops the task, terminating its worker if it runs. */
  async run(task: WorkerTask, cancel?: AbortSignal): Promise<ValidationResult> {
    const outcome = await this.submit(task, cancel);
    if (!outcome.ok)
      throw new DomainError(outcome.status, outcome.title, outcome.detail, outcome.errors);
    for (const error of outcome.internalErrors) this.onInternalError?.(error.source, error);
    return outcome.result;
  }

  /**
   * A bounded queue sheds load instead of letting latency and memory grow without end; the
   * timeout guarantees an answer even if a validation never finished. Both are 503s: the caller
   * (or the API server, for admission) may retry, and the manifest itself is not at fault. A
   * client that left frees its slot at once (499, for the logs only); a manifest that outgrows
   * the worker's heap is at fault (422).
   */
  private async submit(task: WorkerTask, cancel?: AbortSignal): Promise<WorkerOutcome> {
    if (this.inFlight >= this.limits.threads + this.limits.queue) {
      throw new ServiceUnavailableError(
        `All validation workers are busy and ${this.limits.queue} large manifests are waiting; retry shortly.`,
        1,
      );
    }
    this.inFlight++;
    const timeout = AbortSignal.timeout(this.limits.timeoutMs);
    try {
      return (await this.piscina.run(task, {
        signal: cancel ? AbortSignal.any([cancel, timeout]) : timeout,
      })) as WorkerOutcome;
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') {
        if (cancel?.aborted) throw new ClientClosedRequestError();
        throw new ServiceUnavailableError(
          `The validation did not finish within ${this.limits.timeoutMs} ms (VALIDATION_TIMEOUT_MS).`,
          Math.max(1, Math.ceil(this.limits.timeoutMs / 1000)),
        );
      }
      if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        const detail = `The manifest needs more memory to validate than a worker may use (limit: ${this.limits.heapMb} MB, VALIDATION_WORKER_HEAP_MB).`;
        throw new UnprocessableError(detail, [{ field: 'manifest', message: detail }]);
      }
      throw error;
    } finally {
      this.inFlight--;
    }
  }

  /** Tasks completed by workers (for tests and metrics). */
  get completed(): number {
    return this.piscina.completed;
  }

  async destroy(): Promise<void> {
    await this.piscina.destroy();
  }
}
