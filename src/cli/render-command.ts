import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { RenderRequestDto } from '../rendering/dto/render-request.dto.js';
import { render } from '../rendering/render.js';
import { yamlWithNotes } from '../rendering/render-markdown.js';
import { asUsage, parseAnswerArgs, print, readBody } from './answer.js';
import { emit } from './output.js';
import { UsageError } from './usage.js';

function messages(errors: readonly ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    return [
      ...Object.values(error.constraints ?? {}).map((message) => `  ${field}: ${message}`),
      ...messages(error.children ?? [], field),
    ];
  });
}

/**
 * `podwire render [FILE|-] [--pattern ID] [--name NAME]`: the body of POST /v1/manifests/render,
 * checked by the same DTO with the global pipe's options; YAML out is the manifests themselves.
 */
export async function renderCommand(argv: string[]): Promise<number> {
  const { values, positionals, format, output } = parseAnswerArgs(argv, {
    pattern: { type: 'string' },
    name: { type: 'string' },
  });
  if (positionals.length > 1) throw new UsageError('render takes at most one request file');
  const body = (positionals[0] ? readBody(positionals[0]) : {}) as Record<string, unknown>;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new UsageError('The render request must be a mapping', false);
  if (values.pattern) body.pattern = values.pattern;
  if (values.name) body.name = values.name;
  const dto = plainToInstance(RenderRequestDto, body);
  const errors = validateSync(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length > 0)
    throw new UsageError(`Invalid render request:\n${messages(errors).join('\n')}`, false);
  let result;
  try {
    result = render(dto);
  } catch (error) {
    asUsage(error);
  }
  if (format === 'yaml') emit(yamlWithNotes(result), output);
  else print(result, format, output);
  return 0;
}
