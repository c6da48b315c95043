import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadRequestError, type FieldError } from './errors.js';

function flatten(errors: readonly ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      // class-validator phrases whitelist errors as "property x should not exist"; name the path instead.
      out.push({
        field,
        message: message.replace(/^property \S+ should not exist$/, 'unknown field'),
      });
    }
    out.push(...flatten(error.children ?? [], field));
  }
  return out;
}

/**
 * The global pipe: unknown fields and bad values become a 400 problem naming each field.
 * `tolerant` drops unknown fields instead, for payloads whose schema someone else extends.
 */
export function createValidationPipe({ tolerant = false } = {}): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: !tolerant,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const names = [...new Set(fields.map((f) => f.field))].join(', ');
      return new BadRequestError(`Invalid request: ${names}.`, fields);
    },
  });
}
