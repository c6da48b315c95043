import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { packageVersion } from './build-info.js';

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

  /** Findings of every validation (API, CLI-shaped requests and admission), by rule. */
  readonly findings = new Counter({
    name: 'podwire_findings_total',
    help: 'Findings reported by validations, by rule id and severity.',
    labelNames: ['rule', 'severity'] as const,
    registers: [this.registry],
  });
  readonly admissionDecisions = new Counter({
    name: 'podwire_admission_decisions_total',
    help: 'Admission reviews answered, by mode, decision and whether inherited errors were let through (ratcheting).',
    labelNames: ['mode', 'decision', 'inherited'] as const,
    registers: [this.registry],
  });
  readonly admissionInheritedErrors = new Counter({
    name: 'podwire_admission_inherited_errors_total',
    help: 'Error findings an UPDATE kept from the old object and ratcheting let through.',
    registers: [this.registry],
  });
  /** Workers terminated mid-task (timeout, cancel, out of memory, crash); piscina starts anew. */
  readonly workerRestarts = new Counter({
    name: 'podwire_validation_worker_restarts_total',
    help: 'Validation worker threads terminated during a task and replaced, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  /** Read at scrape time from whoever owns the queue (the validation pool), 0 without one. */
  private queueDepth: () => number = () => 0;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'podwire_build_info',
      help: 'Always 1; the podwire version and the Node.js version it runs on as labels.',
      labelNames: ['version', 'node_version'] as const,
      registers: [this.registry],
    }).set({ version: packageVersion(), node_version: process.version }, 1);
    const depth = () => this.queueDepth();
    new Gauge({
      name: 'podwire_validation_queue_depth',
      help: 'Large manifests waiting for a validation worker thread.',
      registers: [this.registry],
      collect() {
        this.set(depth());
      },
    });
    // Zero series up front, so dashboards (and alerts on rate()) see them before their first use.
    for (const mode of ['enforce', 'warn'])
      for (const decision of ['allowed', 'denied'])
        for (const inherited of ['true', 'false'])
          this.admissionDecisions.inc({ mode, decision, inherited }, 0);
  }

  /** Called by the owner of the validation queue. */
  observeQueueDepth(read: () => number): void {
    this.queueDepth = read;
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
