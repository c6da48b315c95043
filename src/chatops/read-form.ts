import type { Type } from '@nestjs/common';
import type { Request } from 'express';
import { createValidationPipe } from '../common/validation.pipe.js';

const pipe = createValidationPipe();

/**
 * Validates the known fields of a chat platform's form body with the global pipe's rules and
 * messages. Unknown fields are dropped rather than refused: the platforms add fields without
 * notice, and a slash command must not break the day they do. Runs after the guard, so nothing
 * is validated (or answered) for an unverified caller.
 */
export async function readForm<T extends object>(
  req: Request,
  dto: Type<T>,
  fields: readonly (keyof T)[],
): Promise<T> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const known: Record<string, unknown> = {};
  for (const field of fields as readonly string[]) {
    if (Object.prototype.hasOwnProperty.call(body, field)) known[field] = body[field];
  }
  return (await pipe.transform(known, { type: 'body', metatype: dto })) as T;
}
