import type { ThrottlerStorage } from '@nestjs/throttler';
import { DomainError } from './errors.js';

const WINDOW_MS = 60_000;

export class TooManyRequestsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'Too Many Requests',
      'Rate limit exceeded; retry after the time given in Retry-After.',
    );
  }
}

/**
 * RATE_LIMIT_PER_MINUTE per bucket, in @nestjs/throttler's storage (expiring counters). The edge
 * middleware picks the bucket: a verified key, else the client address — so unverified or wrong
 * keys share their address's bucket and key guessing is throttled with everything else.
 */
export class RateLimiter {
  constructor(
    private readonly storage: ThrottlerStorage,
    private readonly perMinute: number,
  ) {}

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  /** Counts one request against the bucket; throws once the bucket is over its limit. */
  async hit(bucket: string): Promise<void> {
    if (!this.enabled) return;
    const record = await this.storage.increment(
      bucket,
      WINDOW_MS,
      this.perMinute,
      WINDOW_MS,
      'default',
    );
    if (record.isBlocked) throw new TooManyRequestsError(Math.max(record.timeToBlockExpire, 1));
  }
}
