import { Body, Controller, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clientGone } from '../common/client-gone.js';
import { Consumes } from '../common/consumes.js';
import { NotAcceptableError } from '../common/errors.js';
import { negotiate } from '../common/negotiation.js';
import { BodyLimit } from '../common/route-policy.js';
import { FixQueryDto } from './dto/fix-request.dto.js';
import { ValidationRequestReader } from './validation.request.js';
import { ValidationService } from './validation.service.js';

const MEDIA = ['application/json', 'application/yaml'] as const;
/** Kept here rather than imported from app.factory, which imports this module (cycle). */
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

/**
 * `POST /v1/manifests/fix` (DESIGN §11): the request validate takes, answered with the files
 * after applying the findings' fixes, what was applied and skipped, and the validation after.
 */
@Controller('v1/manifests')
export class FixController {
  private readonly reader = new ValidationRequestReader();

  constructor(private readonly service: ValidationService) {}

  @Post('fix')
  @HttpCode(200)
  @Consumes('application/json', 'multipart/form-data', ...YAML_TYPES)
  // The same bodies as validate, so the same bound (DESIGN §7).
  @BodyLimit('validateBodyLimitBytes', 'VALIDATE_BODY_LIMIT')
  async fix(
    @Body() body: unknown,
    @Query() query: FixQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { apply, ...validateQuery } = query;
    const { input, options } = await this.reader.read(body, validateQuery, req);
    const single = typeof input === 'string';
    const outcome = await this.service.fix(input, options, apply ?? 'safe', clientGone(res));
    res.setHeader('Vary', 'Accept');
    if (negotiate(req, MEDIA) === 'application/yaml') {
      // Only one file has a YAML answer; several are JSON, or a 406 for a YAML-only client.
      if (outcome.files.length === 1) {
        res.status(200).type('application/yaml; charset=utf-8').send(outcome.files[0].content);
        return;
      }
      if (!req.accepts('application/json')) throw new NotAcceptableError(['application/json']);
    }
    const files = outcome.files.map((file) => ({
      ...(single
        ? options.filename !== undefined
          ? { filename: options.filename }
          : {}
        : { filename: file.filename }),
      content: file.content,
      changed: file.changed,
    }));
    res
      .status(200)
      .type('application/json; charset=utf-8')
      .send(
        JSON.stringify({
          files,
          applied: outcome.applied,
          skipped: outcome.skipped,
          result: outcome.result,
        }),
      );
  }
}
