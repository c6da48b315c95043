import { STATUS_CODES } from 'node:http';
import type { FieldError } from './errors.js';

/** RFC 9457 problem details, as every error response carries them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: readonly FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://podwire.dev/problems/';

const TYPE_SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  408: 'request-timeout',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  417: 'expectation-failed',
  422: 'unprocessable-content',
  429: 'too-many-requests',
  431: 'request-header-fields-too-large',
  499: 'client-closed-request',
  500: 'internal-error',
  503: 'unavailable',
};

export function problem(
  status: number,
  detail: string,
  extra: { title?: string; instance?: string; errors?: readonly FieldError[] } = {},
): Problem {
  const body: Problem = {
    type: TYPE_BASE + (TYPE_SLUGS[status] ?? String(status)),
    title: extra.title ?? STATUS_CODES[status] ?? 'Error',
    status,
    detail,
  };
  if (extra.instance) body.instance = extra.instance;
  if (extra.errors && extra.errors.length > 0) body.errors = extra.errors;
  return body;
}
