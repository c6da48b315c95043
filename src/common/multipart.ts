import busboy from 'busboy';
import type { NextFunction, Request, Response } from 'express';
import { BadRequestError } from './errors.js';

/** One part of a `multipart/form-data` body. */
export interface MultipartPart {
  /** The form field name (`file` in `curl -F file=@a.yaml`). */
  field: string;
  /** The part's filename, path kept (`preservePath`); undefined for a plain form field. */
  filename?: string;
  content: string;
}

/** What the multipart parser leaves in `req.body`: the parts in the order they were sent. */
export class MultipartBody {
  constructor(readonly parts: readonly MultipartPart[]) {}
}

export interface MultipartLimits {
  /** Bytes of the whole body (the route's body limit). */
  bytes: number;
  /** Parts in one body; one more is refused. */
  parts: number;
}

/** A body-parser style error, so the edge names the route's limit variable in the 413. */
class TooLargeError extends Error {
  readonly status = 413;
  readonly type = 'entity.too.large';
  constructor() {
    super('request entity too large');
  }
}

/**
 * Reads a `multipart/form-data` body with busboy into `req.body` (a MultipartBody). Only the edge
 * middleware calls it, after the key, rate limit and body budget, like every other parser. The
 * whole body counts against `limits.bytes` however it is split; parts are UTF-8 text (manifests).
 */
export function parseMultipart(
  limits: MultipartLimits,
  req: Request,
  _res: Response,
  next: NextFunction,
): void {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      preservePath: true,
      limits: { fileSize: limits.bytes, fieldSize: limits.bytes, parts: limits.parts + 1 },
    });
  } catch (error) {
    next(new BadRequestError(`The multipart body cannot be read: ${(error as Error).message}.`));
    return;
  }
  const parts: MultipartPart[] = [];
  let received = 0;
  let settled = false;
  const finish = (error?: unknown): void => {
    if (settled) return;
    settled = true;
    if (error !== undefined) {
      req.unpipe(parser);
      req.resume(); // drain what is left so the 4xx answer reaches the client
      next(error);
      return;
    }
    req.body = new MultipartBody(parts);
    next();
  };
  req.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > limits.bytes) finish(new TooLargeError());
  });
  req.on('aborted', () => finish(Object.assign(new Error('aborted'), { type: 'request.aborted' })));
  parser.on('file', (field, stream, info) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('limit', () => finish(new TooLargeError()));
    stream.on('end', () => {
      parts.push({
        field,
        filename: info.filename ?? '',
        content: Buffer.concat(chunks).toString('utf8'),
      });
    });
  });
  parser.on('field', (field, value, info) => {
    if (info.valueTruncated) finish(new TooLargeError());
    else parts.push({ field, content: value });
  });
  parser.on('partsLimit', () =>
    finish(
      new BadRequestError(`The multipart body has more than ${limits.parts} parts.`, [
        { field: `parts[${limits.parts}]`, message: `more than ${limits.parts} parts` },
      ]),
    ),
  );
  parser.on('error', (error: Error) =>
    finish(new BadRequestError(`The multipart body cannot be read: ${error.message}.`)),
  );
  parser.on('close', () => finish());
  req.pipe(parser);
}
