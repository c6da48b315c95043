import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import { pinoHttp } from 'pino-http';
import type { AppConfig } from '../config/config.js';

/** An incoming X-Request-Id is honoured only when it is short and plain (no log injection). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** `config` gives the level; `destination` lets tests read what would be logged. */
export function createLogger(config: AppConfig, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    base: { service: 'podwire' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["proxy-authorization"]',
        'req.headers["x-api-key"]',
        'req.headers.cookie',
        'req.headers["x-slack-signature"]',
        'req.headers["x-hub-signature-256"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The path as asked, with any query string replaced: queries may carry keys or tokens. */
function redactQuery(url: string): string {
  const start = url.indexOf('?');
  return start < 0 ? url : `${url.slice(0, start)}?[redacted]`;
}

/** Probes and scrapes arrive every few seconds: at info they would drown the requests people make. */
const PROBES = new Set(['/livez', '/readyz', '/metrics']);
/** A user agent is a client's free text: enough to tell clients apart, never a whole header. */
const USER_AGENT_MAX = 200;

/** The route template an operation runs under (`/v1/patterns/:id`), if some route matches. */
export type RouteOf = (method: string, path: string) => string | undefined;

interface LoggedRequest {
  id: string;
  method: string;
  originalUrl?: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

function pathOf(req: LoggedRequest): string {
  const url = req.originalUrl ?? req.url;
  const start = url.indexOf('?');
  return start < 0 ? url : url.slice(0, start);
}

/**
 * One line per request, without headers (they made a line ~1.3 KB and carry credentials):
 * method, route template, path (query string redacted), status, duration, request id and user
 * agent. Probes log at debug. The request id is echoed on every response.
 */
export function httpLogger(logger: Logger, routeOf: RouteOf = () => undefined) {
  const line = (req: LoggedRequest, res: { statusCode: number }, responseTime: number) => {
    const agent = req.headers['user-agent'];
    return {
      reqId: req.id,
      method: req.method,
      route: routeOf(req.method, pathOf(req)),
      url: redactQuery(req.originalUrl ?? req.url),
      status: res.statusCode,
      durationMs: responseTime,
      userAgent: typeof agent === 'string' ? agent.slice(0, USER_AGENT_MAX) : undefined,
    };
  };
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id =
        typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // req.log carries only the request id, so no line (handlers' included) repeats the headers.
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (req, res, err) => {
      // A draining pod's /readyz answers 503 on purpose, every few seconds: not an error.
      const probe = PROBES.has(pathOf(req as unknown as LoggedRequest));
      if (probe && !err && (res.statusCode < 500 || res.statusCode === 503)) return 'debug';
      if (err || res.statusCode >= 500) return 'error';
      return res.statusCode >= 400 ? 'warn' : 'info';
    },
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (req, res, value: { responseTime: number }) =>
      line(req as unknown as LoggedRequest, res, value.responseTime),
    customErrorObject: (req, res, err, value: { responseTime: number }) => ({
      ...line(req as unknown as LoggedRequest, res, value.responseTime),
      err,
    }),
  });
}

/** Nest's start-up chatter (one line per module and route): debug, so a start logs one info line. */
const NEST_BOOTSTRAP = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/** Routes Nest's own messages (bootstrap, errors) into the same JSON log stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    if (context !== undefined && NEST_BOOTSTRAP.has(context)) {
      this.logger.debug({ context }, String(message));
    } else {
      this.logger.info({ context }, String(message));
    }
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
