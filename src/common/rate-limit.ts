import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AppConfig } from '../config/config.js';
import { digest, presentedKey } from './api-key.guard.js';

export function throttlerOptions(config: AppConfig): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', ttl: 60_000, limit: Math.max(config.rateLimitPerMinute, 1) }],
    // Probes, metrics and docs stay open; RATE_LIMIT_PER_MINUTE=0 turns limiting off.
    skipIf: (context: ExecutionContext) =>
      config.rateLimitPerMinute === 0 ||
      !context.switchToHttp().getRequest<Request>().path.startsWith('/v1/'),
  };
}

/** Limits per API key when one is presented, otherwise per client address. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as Request;
    const key = presentedKey(request);
    return key ? `key:${digest(key).toString('hex')}` : `ip:${request.ip ?? 'unknown'}`;
  }
}
