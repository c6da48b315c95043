import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** One registry per app instance, so several apps (tests) in one process never collide. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template, method and status code.',
    labelNames: ['route', 'method', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  /** How long large manifests wait for a validation worker (VALIDATION_QUEUE_WAIT_MS bounds it). */
  readonly validationQueueWait = new Histogram({
    name: 'podwire_validation_queue_wait_seconds',
    help: 'Time a large manifest waited for a validation worker thread.',
    // Fine below a few seconds (VALIDATION_QUEUE_WAIT_MS), so the bench can read a p99 from it.
    buckets: [
      0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.25, 1.5, 2,
      2.5, 3, 4, 5, 7.5, 10,
    ],
    registers: [this.registry],
  });
  /** How long a validation worker spends on one large manifest (VALIDATION_TIMEOUT_MS bounds it). */
  readonly validationRunTime = new Histogram({
    name: 'podwire_validation_run_seconds',
    help: 'Time a validation worker thread spent on one large manifest.',
    buckets: [
      0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.25, 1.5, 2,
      2.5, 3, 4, 5, 7.5, 10, 30,
    ],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Express middleware: observes every request, including 404s and rejected ones. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const end = this.duration.startTimer();
      res.once('finish', () => {
        // The route template (e.g. /v1/patterns/:id), never the raw URL: label cardinality stays bounded.
        const route =
          (req.route as { path?: string } | undefined)?.path ?? (req.baseUrl || 'unmatched');
        end({ route, method: req.method, status_code: String(res.statusCode) });
      });
      next();
    };
  }
}
