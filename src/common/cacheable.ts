import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** How long clients and shared caches may reuse catalogue answers; the data only changes with a release. */
export const CACHE_CONTROL = 'public, max-age=300';

/**
 * Sends a deterministic representation with a strong ETag (hash of the bytes, so JSON and markdown
 * differ) and answers a matching If-None-Match with 304 and no body.
 */
export function sendCacheable(
  req: Request,
  res: Response,
  contentType: string,
  body: string,
): void {
  const etag = `"${createHash('sha256').update(contentType).update('\n').update(body).digest('base64url').slice(0, 27)}"`;
  res.setHeader('Cache-Control', CACHE_CONTROL);
  res.setHeader('Vary', 'Accept');
  res.setHeader('ETag', etag);
  if (matches(req.headers['if-none-match'], etag)) {
    res.status(304).end();
    return;
  }
  res.status(200).type(contentType).send(body);
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
