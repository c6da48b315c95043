import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type FieldError, MethodNotAllowedError } from './errors.js';
import { MAX_DEPTH } from './json-depth.js';
import { problem, PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/** Errors raised by Express body parsers (raw-body / body-parser) before Nest sees the request. */
const PARSER_DETAILS: Record<string, string> = {
  'entity.too.large': 'The request body exceeds the configured limit (BODY_LIMIT).',
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.deep': `The JSON body nests deeper than ${MAX_DEPTH} levels.`,
  'encoding.unsupported': 'The request body uses an unsupported content encoding.',
  'charset.unsupported': 'The request body uses an unsupported charset.',
  'request.aborted': 'The request was aborted before its body was received.',
  'entity.verify.failed': 'The request body could not be verified.',
};

/** Turns any error into an RFC 9457 problem; never leaks internals or stack traces. */
export function toProblem(error: unknown, req: Request): Problem {
  const instance = req.originalUrl?.split('?')[0];
  // Nest wraps body-parser errors in an HttpException whose `cause` keeps the parser's error type.
  const parser = error as HttpLikeError & { cause?: HttpLikeError };
  const parserType = parser?.cause?.type ?? parser?.type;
  if (parserType && PARSER_DETAILS[parserType]) {
    const status =
      error instanceof HttpException
        ? error.getStatus()
        : (parser.status ?? parser.statusCode ?? 400);
    return problem(status, PARSER_DETAILS[parserType], { instance });
  }
  if (error instanceof DomainError) {
    return problem(error.status, error.message, {
      title: error.title,
      instance,
      errors: error.errors,
    });
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    let detail = error.message;
    let errors: FieldError[] | undefined;
    if (typeof body === 'object' && body !== null) {
      const record = body as { message?: unknown; errors?: FieldError[] };
      if (typeof record.message === 'string') detail = record.message;
      errors = record.errors;
    }
    if (status === 404 && /^Cannot /.test(detail)) {
      detail = `No route matches ${req.method} ${instance}.`;
    }
    if (status === 429) detail = 'Rate limit exceeded; retry after the time given in Retry-After.';
    if (status >= 500) detail = 'An unexpected error occurred.';
    return problem(status, detail, { instance, errors });
  }
  const httpLike = (error ?? {}) as HttpLikeError;
  const status = httpLike.status ?? httpLike.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const detail =
      (httpLike.type && PARSER_DETAILS[httpLike.type]) ?? 'The request could not be processed.';
    return problem(status, detail, { instance });
  }
  return problem(500, 'An unexpected error occurred.', { instance });
}

export function sendProblem(error: unknown, req: Request, res: Response): void {
  const body = toProblem(error, req);
  if (body.status >= 500) {
    req.log?.error({ err: error }, 'request failed');
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  const retryAfter = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  if (error instanceof DomainError && typeof retryAfter === 'number') {
    res.setHeader('Retry-After', String(retryAfter));
  }
  if (error instanceof MethodNotAllowedError) res.setHeader('Allow', error.allow.join(', '));
  res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<Request>(), http.getResponse<Response>());
  }
}
