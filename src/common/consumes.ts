import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

export const CONSUMES = 'podwire:consumes';
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Media types an operation accepts for its request body (default: application/json). */
export const Consumes = (...types: string[]) => SetMetadata(CONSUMES, types);

/** Rejects request bodies of a media type the operation does not take with 415. */
@Injectable()
export class ConsumesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (!BODY_METHODS.has(req.method)) return true;
    const allowed = this.reflector.getAllAndOverride<string[] | undefined>(CONSUMES, [
      context.getHandler(),
      context.getClass(),
    ]) ?? ['application/json'];
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type === '' && !hasBody(req)) return true;
    if (!allowed.includes(type)) {
      throw new UnsupportedMediaTypeException(
        `Content-Type "${type || '(none)'}" is not supported here; use ${allowed.join(', ')}.`,
      );
    }
    return true;
  }
}

function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0
  );
}
