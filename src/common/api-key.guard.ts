import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { UnauthorizedError } from './errors.js';
import { ROUTE_METADATA } from './route-policy.js';

export { SkipApiKey } from './route-policy.js';

export function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The API key a request presents, if any (`Authorization: Bearer <key>`). */
export function presentedKey(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

export const MISSING_KEY = 'A valid API key is required: Authorization: Bearer <key>.';

/**
 * The configured API keys. Keys are compared as SHA-256 digests with timingSafeEqual, so neither
 * the length nor the content of a configured key leaks through timing; every configured key is
 * compared (no early exit) to allow rotation with several keys.
 */
export class ApiKeys {
  private readonly digests: Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = keys.map(digest);
  }

  get enabled(): boolean {
    return this.digests.length > 0;
  }

  /** The digest (hex) of the configured key the request presents, or undefined. */
  verified(req: IncomingMessage): string | undefined {
    if (!this.enabled) return undefined;
    const key = presentedKey(req);
    const presented = digest(key ?? '');
    let ok = false;
    for (const candidate of this.digests) ok = timingSafeEqual(candidate, presented) || ok;
    return key && ok ? presented.toString('hex') : undefined;
  }
}

/**
 * Second line behind the edge middleware: every handler Nest runs needs a key unless its
 * decorators say otherwise, whatever URL reached it.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: ApiKeys;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly reflector: Reflector,
  ) {
    this.keys = new ApiKeys(config.apiKeys);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.keys.enabled || context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (
      this.reflector.getAllAndOverride<boolean>(ROUTE_METADATA.OPEN, targets) ||
      this.reflector.getAllAndOverride<boolean>(ROUTE_METADATA.SKIP_API_KEY, targets)
    ) {
      return true;
    }
    if (!this.keys.verified(context.switchToHttp().getRequest<IncomingMessage>())) {
      throw new UnauthorizedError(MISSING_KEY);
    }
    return true;
  }
}
