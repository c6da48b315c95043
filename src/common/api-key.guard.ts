import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { UnauthorizedError } from './errors.js';

const SKIP_API_KEY = 'podwire:skip-api-key';

/** For routes that verify callers their own way (Slack signatures, Mattermost tokens). */
export const SkipApiKey = () => SetMetadata(SKIP_API_KEY, true);

export function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The API key a request presents, if any (`Authorization: Bearer <key>`). */
export function presentedKey(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Optional API keys on /v1/*. Keys are compared as SHA-256 digests with timingSafeEqual, so
 * neither the length nor the content of a configured key leaks through timing; every configured
 * key is compared (no early exit) to allow rotation with several keys.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly digests: Buffer[];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly reflector: Reflector,
  ) {
    this.digests = config.apiKeys.map(digest);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.digests.length === 0 || context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (!req.path.startsWith('/v1/')) return true;
    if (
      this.reflector.getAllAndOverride<boolean>(SKIP_API_KEY, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      return true;
    }
    const key = presentedKey(req);
    const presented = digest(key ?? '');
    let ok = false;
    for (const candidate of this.digests) ok = timingSafeEqual(candidate, presented) || ok;
    if (!key || !ok)
      throw new UnauthorizedError('A valid API key is required: Authorization: Bearer <key>.');
    return true;
  }
}
