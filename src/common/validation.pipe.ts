import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { BadRequestError, type FieldError } from './errors.js';

/** Keys class-transformer silently drops, so the whitelist never sees them. */
const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'];

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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * Reserved keys in the plain input wherever the DTO has a class (the transformed value is an
 * instance of something other than Object); free-form maps (labels, Kubernetes objects) may
 * legitimately hold a key named `constructor`, so they are not searched.
 */
function reservedKeys(plain: unknown, shaped: unknown, prefix = ''): FieldError[] {
  if (!isObject(plain) || !isObject(shaped)) return [];
  const out: FieldError[] = [];
  if (Array.isArray(plain) && Array.isArray(shaped)) {
    plain.forEach((item, i) => out.push(...reservedKeys(item, shaped[i], `${prefix}[${i}]`)));
    return out;
  }
  if (Object.getPrototypeOf(shaped) === Object.prototype) return out;
  for (const key of RESERVED_KEYS) {
    if (Object.hasOwn(plain, key)) {
      out.push({ field: prefix ? `${prefix}.${key}` : key, message: 'unknown field' });
    }
  }
  for (const [key, value] of Object.entries(shaped)) {
    out.push(...reservedKeys(plain[key], value, prefix ? `${prefix}.${key}` : key));
  }
  return out;
}

function invalid(fields: FieldError[]): BadRequestError {
  const names = [...new Set(fields.map((f) => f.field))].join(', ');
  return new BadRequestError(`Invalid request: ${names}.`, fields);
}

class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.metatype && this.toValidate(metadata) && isObject(value)) {
      const found = reservedKeys(value, plainToInstance(metadata.metatype, value));
      if (found.length > 0) throw invalid(found);
    }
    return super.transform(value, metadata);
  }
}

/**
 * The global pipe: unknown fields and bad values become a 400 problem naming each field.
 * `tolerant` drops unknown fields instead, for payloads whose schema someone else extends.
 */
export function createValidationPipe({ tolerant = false } = {}): ValidationPipe {
  const options = {
    whitelist: true,
    forbidNonWhitelisted: !tolerant,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors: ValidationError[]) => invalid(flatten(errors)),
  };
  return tolerant ? new ValidationPipe(options) : new StrictValidationPipe(options);
}
