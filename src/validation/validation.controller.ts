import { readFileSync } from 'node:fs';
import { Body, Controller, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clientGone } from '../common/client-gone.js';
import { Consumes } from '../common/consumes.js';
import { BodyLimit } from '../common/route-policy.js';
import { BadRequestError } from '../common/errors.js';
import { negotiate } from '../common/negotiation.js';
import { createValidationPipe } from '../common/validation.pipe.js';
import { ValidateQueryDto, ValidateRequestDto } from './dto/validate-request.dto.js';
import { formatMarkdown } from './engine/formatters/markdown.formatter.js';
import { formatSarif } from './engine/formatters/sarif.formatter.js';
import { formatText } from './engine/formatters/text.formatter.js';
import { rules } from './rules/index.js';
import { ValidationService, type ValidationRequest } from './validation.service.js';

const MEDIA = [
  'application/json',
  'application/sarif+json',
  'text/markdown',
  'text/plain',
] as const;
/** Kept here rather than imported from app.factory, which imports this module (cycle). */
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];
const DEFAULT_FILENAME = 'manifest.yaml';
const TOOL_VERSION = (() => {
  try {
    return (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return '0.0.0';
  }
})();

@Controller('v1/manifests')
export class ValidationController {
  private readonly pipe = createValidationPipe();

  constructor(private readonly service: ValidationService) {}

  @Post('validate')
  @HttpCode(200)
  @Consumes('application/json', ...YAML_TYPES)
  // Real install bundles are megabytes (Argo CD's install.yaml: 1.9 MB); DESIGN §7.
  @BodyLimit('validateBodyLimitBytes', 'VALIDATE_BODY_LIMIT')
  async validate(
    @Body() body: unknown,
    @Query() query: ValidateQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { text, options } = await this.readRequest(body, query);
    const result = await this.service.validate(text, options, clientGone(res));
    const filename = options.filename ?? DEFAULT_FILENAME;
    res.setHeader('Vary', 'Accept');
    switch (negotiate(req, MEDIA)) {
      case 'application/sarif+json':
        res
          .status(200)
          .type('application/sarif+json; charset=utf-8')
          .send(
            JSON.stringify(
              formatSarif(result, {
                filename,
                rules,
                toolVersion: TOOL_VERSION,
                informationUri: 'https://podwire.dev',
              }),
            ),
          );
        return;
      case 'text/markdown':
        res.status(200).type('text/markdown; charset=utf-8').send(formatMarkdown(result, filename));
        return;
      case 'text/plain':
        res.status(200).type('text/plain; charset=utf-8').send(formatText(result, filename));
        return;
      default:
        res.status(200).type('application/json; charset=utf-8').send(JSON.stringify(result));
    }
  }

  private async readRequest(
    body: unknown,
    query: ValidateQueryDto,
  ): Promise<{ text: string; options: ValidationRequest }> {
    if (typeof body === 'string') {
      return {
        text: body,
        options: {
          filename: query.filename,
          pattern: query.pattern,
          kubernetesVersion: query.kubernetesVersion,
          scope: query.scope,
          disable: query.disable,
        },
      };
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new BadRequestError(
        'Send the manifest as YAML (Content-Type: application/yaml) or as JSON {"manifest": "..."}.',
        [{ field: 'manifest', message: 'is required' }],
      );
    }
    const extra = Object.keys(query).filter(
      (key) => (query as Record<string, unknown>)[key] !== undefined,
    );
    if (extra.length > 0) {
      throw new BadRequestError(
        `With a JSON body, options go into the body, not the query: ${extra.join(', ')}.`,
        extra.map((field) => ({
          field,
          message: 'not allowed as a query parameter with a JSON body',
        })),
      );
    }
    const dto = (await this.pipe.transform(body, {
      type: 'body',
      metatype: ValidateRequestDto,
    })) as ValidateRequestDto;
    return {
      text: dto.manifest,
      options: {
        filename: dto.filename,
        pattern: dto.pattern,
        kubernetesVersion: dto.kubernetesVersion,
        scope: dto.scope,
        disable: dto.rules?.disable,
      },
    };
  }
}
