import type { NextFunction, Request, Response } from 'express';
import { type ApiKeys, MISSING_KEY } from './api-key.guard.js';
import type { BodyBudget } from './body-budget.js';
import type { BodyParsers } from './body-parsers.js';
import {
  BadRequestError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  UnauthorizedError,
} from './errors.js';
import { deepQueryParameter, MAX_DEPTH } from './json-depth.js';
import type { RateLimiter } from './rate-limit.js';
import type { RoutePolicy, RouteTable } from './route-policy.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface EdgeDependencies {
  table: RouteTable;
  keys: ApiKeys;
  limiter: RateLimiter;
  budget: BodyBudget;
  parsers: BodyParsers;
}

function declaredLength(req: Request): number | undefined {
  const header = req.headers['content-length'];
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (declaredLength(req) ?? 0) > 0;
}

export function tooLarge(variable: string): string {
  return `The request body exceeds the configured limit (${variable}).`;
}

/**
 * Everything decided before a body is read, for the operation Express will route to (the same
 * route table, not a URL prefix): the query's depth, the rate limit (bucket: verified key, else
 * client address), the API key, the body limit and the process-wide body budget. Only then is
 * the body read (and `100 Continue` sent), so a caller without a key costs no buffered bytes.
 * Requests no route matches are never read at all.
 */
export function edgeMiddleware(deps: EdgeDependencies) {
  const check = async (req: Request, res: Response): Promise<RoutePolicy | undefined> => {
    const route = deps.table.match(req.method, req.path);
    if (!route) return undefined;
    if (!route.open) {
      const deep = deepQueryParameter(req.originalUrl);
      if (deep !== undefined) {
        throw new BadRequestError(`The query string nests deeper than ${MAX_DEPTH} levels.`, [
          { field: deep.slice(0, 64), message: `nests deeper than ${MAX_DEPTH} levels` },
        ]);
      }
    }
    const key = deps.keys.verified(req);
    if (route.rateLimited) await deps.limiter.hit(key ? `key:${key}` : `ip:${req.ip ?? ''}`);
    if (route.needsKey && deps.keys.enabled && !key) throw new UnauthorizedError(MISSING_KEY);
    if (!BODY_METHODS.has(req.method) || !hasBody(req)) return undefined;
    const declared = declaredLength(req);
    if (declared !== undefined && declared > route.bodyLimitBytes) {
      throw new PayloadTooLargeError(tooLarge(route.bodyLimitVariable));
    }
    const release = deps.budget.reserve(declared ?? route.bodyLimitBytes);
    if (!release) {
      throw new ServiceUnavailableError(
        'The server is reading as many request bodies as it may hold (BODY_BUDGET); retry shortly.',
        1,
      );
    }
    res.once('close', release);
    if (/^100-continue$/i.test(req.headers.expect ?? '')) res.writeContinue();
    return route;
  };

  return (req: Request, res: Response, next: NextFunction): void => {
    check(req, res).then(
      (route) => {
        if (!route) {
          next();
          return;
        }
        const parsed = (error?: unknown) => {
          // A chunked body that outgrows its limit: name the variable, as for a declared one.
          const type = (error as { type?: string } | undefined)?.type;
          next(
            type === 'entity.too.large'
              ? new PayloadTooLargeError(tooLarge(route.bodyLimitVariable))
              : error,
          );
        };
        deps.parsers.parse(route.bodyLimitBytes, req, res, parsed, { multipart: route.multipart });
      },
      (error: unknown) => next(error),
    );
  };
}
