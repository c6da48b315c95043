import { readFileSync } from 'node:fs';
import { Body, Controller, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clientGone } from '../common/client-gone.js';
import { Consumes } from '../common/consumes.js';
import { BodyLimit } from '../common/route-policy.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { negotiate } from '../common/negotiation.js';
import { ValidateQueryDto } from './dto/validate-request.dto.js';
import { formatMarkdown } from './engine/formatters/markdown.formatter.js';
import { formatSarif } from './engine/formatters/sarif.formatter.js';
import { formatText } from './engine/formatters/text.formatter.js';
import { rules } from './rules/index.js';
import { ValidationRequestReader } from './validation.request.js';
import { ValidationService } from './validation.service.js';

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
  private readonly reader = new ValidationRequestReader();

  constructor(
    private readonly service: ValidationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('validate')
  @HttpCode(200)
  @Consumes('application/json', 'multipart/form-data', ...YAML_TYPES)
  // Real install bundles are megabytes (Argo CD's install.yaml: 1.9 MB); DESIGN §7.
  @BodyLimit('validateBodyLimitBytes', 'VALIDATE_BODY_LIMIT')
  async validate(
    @Body() body: unknown,
    @Query() query: ValidateQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { input, options } = await this.reader.read(body, query, req);
    const result = await this.service.validate(input, options, clientGone(res));
    const filename = options.filename ?? DEFAULT_FILENAME;
    // A multi-file request names its files in every format; a single manifest keeps `filename`.
    const files = typeof input === 'string' ? undefined : input.map((file) => file.filename);
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
                files,
                helpUri: (id) => `${this.config.publicBaseUrl}/v1/rules/${id}`,
                rules,
                toolVersion: TOOL_VERSION,
                informationUri: 'https://podwire.dev',
              }),
            ),
          );
        return;
      case 'text/markdown':
        res
          .status(200)
          .type('text/markdown; charset=utf-8')
          .send(
            formatMarkdown(
              result,
              filename,
              files,
              typeof input === 'string' ? [{ content: input }] : input,
            ),
          );
        return;
      case 'text/plain':
        res.status(200).type('text/plain; charset=utf-8').send(formatText(result, filename));
        return;
      default:
        res.status(200).type('application/json; charset=utf-8').send(JSON.stringify(result));
    }
  }
}
