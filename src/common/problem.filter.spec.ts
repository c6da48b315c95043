import { NotFoundException } from '@nestjs/common';
import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { BadRequestError, UnprocessableError } from './errors.js';
import { toProblem } from './problem.filter.js';

const req = { originalUrl: '/v1/x?y=1', method: 'GET' } as Request;

describe('toProblem', () => {
  it('hides the internals of unexpected errors', () => {
    const error = new Error('connection string postgres://secret@db');
    const body = toProblem(error, req);
    expect(body).toEqual({
      type: 'https://podwire.dev/problems/internal-error',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred.',
      instance: '/v1/x',
    });
    expect(JSON.stringify(body)).not.toMatch(/secret|at .*\.ts/);
  });

  it('keeps domain errors with their field list', () => {
    const body = toProblem(
      new BadRequestError('Invalid request: name.', [{ field: 'name', message: 'bad' }]),
      req,
    );
    expect(body).toMatchObject({ status: 400, errors: [{ field: 'name', message: 'bad' }] });
    expect(toProblem(new UnprocessableError('no'), req)).toMatchObject({
      status: 422,
      title: 'Unprocessable Content',
    });
  });

  it('rephrases Nest route-not-found messages', () => {
    expect(toProblem(new NotFoundException('Cannot GET /v1/x'), req).detail).toBe(
      'No route matches GET /v1/x.',
    );
  });

  it('maps body-parser errors by their type', () => {
    expect(toProblem({ status: 413, type: 'entity.too.large' }, req)).toMatchObject({
      status: 413,
      detail: 'The request body exceeds the configured limit (BODY_LIMIT).',
    });
  });
});
