import { timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { digest } from '../common/api-key.guard.js';
import { NotFoundError, UnauthorizedError } from '../common/errors.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { verifySlackSignature } from './domain/slack-signature.js';

/** One answer for every failed check: which check failed is nothing a caller should learn. */
export const CHATOPS_UNAUTHORIZED = 'The request could not be verified.';

/** A disabled integration looks exactly like a route that does not exist. */
function notConfigured(req: Request): NotFoundError {
  return new NotFoundError(`No route matches ${req.method} ${req.originalUrl.split('?')[0]}.`);
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Slack v0 signatures over the raw body; runs before any validation or command handling. */
@Injectable()
export class SlackSignatureGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const secret = this.config.slackSigningSecret;
    if (!secret) throw notConfigured(req);
    // Slack's certificate probe carries no signature; the controller answers it without computing anything.
    if ((req.body as Record<string, unknown> | undefined)?.ssl_check === '1') return true;
    const verified = verifySlackSignature({
      secret,
      timestamp: header(req, 'x-slack-request-timestamp'),
      signature: header(req, 'x-slack-signature'),
      rawBody: req.rawBody ?? Buffer.alloc(0),
      now: Math.floor(Date.now() / 1000),
    });
    if (!verified) throw new UnauthorizedError(CHATOPS_UNAUTHORIZED);
    return true;
  }
}

/** Mattermost's per-command token (form field `token`, or `Authorization: Token …`), compared as digests. */
@Injectable()
export class MattermostTokenGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected =
      config.mattermostToken === undefined ? undefined : digest(config.mattermostToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!this.expected) throw notConfigured(req);
    const field = (req.body as Record<string, unknown> | undefined)?.token;
    const fromHeader = /^Token\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '')?.[1];
    const presented = typeof field === 'string' ? field : fromHeader;
    // Digests have equal length whatever was sent, so neither length nor content leaks by timing.
    const ok = timingSafeEqual(this.expected, digest(presented ?? ''));
    if (presented === undefined || presented === '' || !ok)
      throw new UnauthorizedError(CHATOPS_UNAUTHORIZED);
    return true;
  }
}
