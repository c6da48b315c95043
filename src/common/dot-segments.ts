import type { NextFunction, Request, Response } from 'express';
import { BadRequestError, NotFoundError } from './errors.js';

/**
 * Paths whose segments decode to "." or "..", or hide a slash ("%2e%2e", "..%2f"), match no
 * operation; left alone, the static file server behind /docs answers them itself (a text/plain
 * 404, or the index page). They get the same 404 problem as any unknown route.
 */
export function rejectDotSegments(req: Request, _res: Response, next: NextFunction): void {
  for (const segment of req.path.split('/')) {
    if (!segment.includes('%') && segment !== '.' && segment !== '..') continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      next(new BadRequestError('The request path is not valid percent-encoding.'));
      return;
    }
    if (decoded === '.' || decoded === '..' || /[/\\]/.test(decoded)) {
      next(new NotFoundError(`No route matches ${req.method} ${req.path}.`));
      return;
    }
  }
  next();
}
