import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { DomainError } from '../../common/errors.js';
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

/** A piscina pool of validation workers; results and DomainErrors come back as on the main thread. */
export class ValidationPool {
  private readonly piscina: Piscina;

  constructor(
    threads: number,
    entry: WorkerEntry,
    private readonly onInternalError?: (source: string, error: WorkerInternalError) => void,
  ) {
    this.piscina = new Piscina({
      filename: entry.filename,
      workerData: entry.workerData,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 30_000,
    });
  }

  async run(task: WorkerTask): Promise<ValidationResult> {
    const outcome = (await this.piscina.run(task)) as WorkerOutcome;
    if (!outcome.ok)
      throw new DomainError(outcome.status, outcome.title, outcome.detail, outcome.errors);
    for (const error of outcome.internalErrors) this.onInternalError?.(error.source, error);
    return outcome.result;
  }

  /** Tasks completed by workers (for tests and metrics). */
  get completed(): number {
    return this.piscina.completed;
  }

  async destroy(): Promise<void> {
    await this.piscina.destroy();
  }
}
