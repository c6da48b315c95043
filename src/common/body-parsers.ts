import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { jsonTooDeep, MAX_DEPTH } from './json-depth.js';
import { parseMultipart } from './multipart.js';

/** Parts of one multipart body: a file per part (LIMITS.files, engine/limits.ts) plus option fields. */
const MULTIPART_PARTS = 1000 + 16;

/** Raw-text media types the validation endpoint takes as YAML. */
export const YAML_MEDIA_TYPES = [
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/plain',
];
const JSON_TYPES = ['application/json', 'application/*+json'];

declare module 'http' {
  interface IncomingMessage {
    /** The exact bytes of a form body, kept for signature checks (Slack). */
    rawBody?: Buffer;
  }
}

/** A body-parser error (its `type` picks the problem detail; see problem.filter). */
class TooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
  constructor() {
    super(`JSON nests deeper than ${MAX_DEPTH} levels`);
  }
}

const keepRaw = (req: Request, _res: unknown, buf: Buffer) => {
  req.rawBody = buf;
};
const checkDepth = (req: Request, _res: unknown, buf: Buffer) => {
  if (jsonTooDeep(buf)) throw new TooDeepError();
  // A Kubernetes object sent as JSON is validated from its text, so findings have positions.
  req.rawBody = buf;
};

function parsersFor(limit: number): RequestHandler[] {
  return [
    express.json({ limit, type: JSON_TYPES, verify: checkDepth }),
    express.text({ limit, type: YAML_MEDIA_TYPES }),
    express.urlencoded({ limit, extended: false, verify: keepRaw }),
  ];
}

/** Body parsers per body limit, built once; only the edge middleware runs them. */
export class BodyParsers {
  private readonly byLimit = new Map<number, RequestHandler[]>();

  parse(
    limit: number,
    req: Request,
    res: Response,
    next: NextFunction,
    options: { multipart?: boolean } = {},
  ): void {
    if (options.multipart && req.is('multipart/form-data')) {
      parseMultipart({ bytes: limit, parts: MULTIPART_PARTS }, req, res, next);
      return;
    }
    let chain = this.byLimit.get(limit);
    if (!chain) {
      chain = parsersFor(limit);
      this.byLimit.set(limit, chain);
    }
    const run = (index: number, error?: unknown): void => {
      if (error !== undefined || index === chain.length) {
        next(error);
        return;
      }
      chain[index](req, res, (err?: unknown) => run(index + 1, err));
    };
    run(0);
  }
}
