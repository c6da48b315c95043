import { Body, Controller, HttpCode, Inject, Logger, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SkipApiKey } from '../common/api-key.guard.js';
import { clientGone } from '../common/client-gone.js';
import { BodyLimit, SkipRateLimit } from '../common/route-policy.js';
import { createValidationPipe } from '../common/validation.pipe.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { ValidationService } from '../validation/validation.service.js';
import { type AdmissionReviewResult, reviewAdmission } from './domain/review.js';
import { AdmissionQueryDto, AdmissionReviewDto } from './dto/admission-review.dto.js';

/**
 * The ValidatingAdmissionWebhook. The API server calls it without credentials and from one
 * address, so neither API keys nor the per-client rate limit apply: a 401 or 429 here would be
 * an admission failure for the whole cluster. It is protected by TLS and the NetworkPolicy.
 */
@Controller('v1/admission')
@SkipApiKey()
@SkipRateLimit()
@BodyLimit('admissionBodyLimitBytes', 'ADMISSION_BODY_LIMIT')
export class AdmissionController {
  private readonly logger = new Logger('Admission');
  /**
   * Kubernetes adds fields to AdmissionReview over time; rejecting one would fail every review
   * (and, under failurePolicy: Ignore, silently skip admission). Unknown fields are dropped, as the
   * API server's own clients do; known fields are still checked.
   */
  private readonly reviewPipe = createValidationPipe({ tolerant: true });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly validation: ValidationService,
    private readonly metrics: MetricsService,
  ) {}

  @Post()
  @HttpCode(200)
  async review(
    // Typed `unknown` so the global (strict) pipe passes the body through to reviewPipe.
    @Body() body: unknown,
    @Query() query: AdmissionQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AdmissionReviewResult> {
    const mode = query.mode ?? this.config.admissionMode;
    const ratchet = query.ratchet ?? this.config.admissionRatchet;
    const { request } = (await this.reviewPipe.transform(body, {
      type: 'body',
      metatype: AdmissionReviewDto,
    })) as AdmissionReviewDto;
    // Through the service: objects above its threshold are validated in the worker pool, and
    // given up once the API server stops waiting (timeoutSeconds).
    const cancel = clientGone(res);
    const outcome = await reviewAdmission(request, { mode, ratchet }, (text, options, role) =>
      this.validation.validate(
        text,
        { ...options, kubernetesVersion: this.config.admissionKubernetesVersion },
        cancel,
        role === 'object',
      ),
    );
    const { allowed, warnings } = outcome.review.response;
    if (outcome.validated) {
      this.metrics.admissionDecisions.inc({
        mode,
        decision: allowed ? 'allowed' : 'denied',
        inherited: String(outcome.inherited > 0),
      });
      this.metrics.admissionInheritedErrors.inc(outcome.inherited);
    }
    // Kubectl users see the warnings; operators need a trace of what warn mode let through.
    if (!allowed || warnings) {
      const where = request.namespace ? `${request.namespace}/` : '';
      this.logger.log(
        `${request.operation} ${request.kind.kind} ${where}${request.name ?? ''} (uid ${request.uid}, ${mode}): ` +
          `${allowed ? 'allowed' : 'denied'} with ${warnings?.length ?? 0} warning(s)` +
          (outcome.inherited > 0 ? `, ${outcome.inherited} inherited error(s)` : ''),
      );
    }
    return outcome.review;
  }
}
