import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { defaultWorkerEntry, ValidationPool, WORKER_THRESHOLD_BYTES } from './engine/pool.js';
import type { ApplyMode } from './fixing/apply.js';
import type { FixOutcome } from './fixing/fix-bundle.js';
import { type FindingTally, fixWithMemo } from './fixing/fix-run.js';
import {
  type ManifestFile,
  type ValidateOptions,
  type ValidationResult,
  validateFiles,
  validateManifest,
} from './engine/validate.js';

export type ValidationRequest = Omit<ValidateOptions, 'onInternalError' | 'parse'>;

/**
 * Runs validations: small manifests inline, big ones in a worker pool so the event loop keeps
 * serving other requests (VALIDATION_WORKERS threads; 0 = always inline).
 */
@Injectable()
export class ValidationService implements OnApplicationShutdown {
  private readonly logger = new Logger('Validation');
  private readonly pool?: ValidationPool;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    const entry = config.validationWorkers > 0 ? defaultWorkerEntry() : undefined;
    if (config.validationWorkers > 0 && !entry) {
      this.logger.warn('No compiled validation worker found; validating every manifest inline');
    }
    if (entry) {
      const limits = {
        threads: config.validationWorkers,
        queue: config.validationQueue,
        queueWaitMs: config.validationQueueWaitMs,
        timeoutMs: config.validationTimeoutMs,
        heapMb: config.validationWorkerHeapMb,
      };
      this.pool = new ValidationPool(limits, entry, {
        internalError: (source, error) =>
          this.logger.error(
            `Rule ${source} failed and was skipped: ${error.stack ?? error.message}`,
          ),
        queueWait: (seconds) => metrics.validationQueueWait.observe(seconds),
        runTime: (seconds) => metrics.validationRunTime.observe(seconds),
        workerLost: (reason) => metrics.workerRestarts.inc({ reason }),
      });
      const pool = this.pool;
      metrics.observeQueueDepth(() => pool.queued);
    }
  }

  /** True when manifests of this size (all files together) go to the pool. */
  usesPool(input: string | readonly ManifestFile[]): boolean {
    if (this.pool === undefined) return false;
    const bytes =
      typeof input === 'string'
        ? Buffer.byteLength(input, 'utf8')
        : input.reduce((sum, file) => sum + Buffer.byteLength(file.content, 'utf8'), 0);
    return bytes > WORKER_THRESHOLD_BYTES;
  }

  /**
   * Validates one manifest (a string) or the files of one application as a bundle. `cancel` stops
   * a validation on the pool; inline ones are short and run to the end. `count` false keeps the
   * findings out of `podwire_findings_total` (admission's second look at the stored object, which
   * would count them twice).
   */
  async validate(
    input: string | readonly ManifestFile[],
    options: ValidationRequest,
    cancel?: AbortSignal,
    count = true,
  ): Promise<ValidationResult> {
    const files = typeof input === 'string' ? undefined : [...input];
    const inline = this.inline(options);
    const result =
      this.pool && this.usesPool(input)
        ? await this.pool.run({ text: files ? '' : (input as string), files, options }, cancel)
        : files
          ? validateFiles(files, inline)
          : validateManifest(input as string, inline);
    if (count) this.count(result.findings);
    return result;
  }

  /**
   * Fixes one manifest or the files of a bundle (DESIGN §11): every round in one place, in a
   * worker when the submitted files go to the pool, else inline (fix-run.ts). The findings of
   * what was submitted count once in `podwire_findings_total`, as for a validation.
   */
  async fix(
    input: string | readonly ManifestFile[],
    options: ValidationRequest,
    mode: ApplyMode,
    cancel?: AbortSignal,
  ): Promise<FixOutcome> {
    const files = typeof input === 'string' ? undefined : [...input];
    if (this.pool && this.usesPool(input)) {
      const task = { text: files ? '' : (input as string), files, options, fix: mode };
      const { outcome, submitted } = await this.pool.fix(task, cancel);
      this.count(submitted);
      return outcome;
    }
    const { submitted, ...outcome } = await fixWithMemo(
      files ?? [{ content: input as string }],
      files === undefined,
      this.inline(options),
      mode,
    );
    this.count(submitted);
    return outcome;
  }

  private inline(options: ValidationRequest): ValidateOptions {
    return {
      ...options,
      onInternalError: (source, error) =>
        this.logger.error(
          `Rule ${source} failed and was skipped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ),
    };
  }

  private count(findings: FindingTally): void {
    for (const f of findings) this.metrics.findings.inc({ rule: f.ruleId, severity: f.severity });
  }

  /**
   * Shutdown, before the HTTP server closes: large manifests are refused from now on (503), those
   * queued or running have `budgetMs` to finish and then answer 503, so no request is left
   * without an answer when the process exits.
   */
  async drain(budgetMs: number): Promise<void> {
    await this.pool?.drain(budgetMs);
  }

  /** Nest runs shutdown hooks after the HTTP server has closed: nothing is waiting any more. */
  async onApplicationShutdown(): Promise<void> {
    await this.pool?.destroy();
  }
}
