import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendCacheable } from '../common/cacheable.js';
import type { Catalog } from '../catalog/catalog.js';
import { CATALOG } from '../catalog/catalog.tokens.js';
import { BadRequestError } from '../common/errors.js';
import { negotiate } from '../common/negotiation.js';
import { createValidationPipe } from '../common/validation.pipe.js';
import { recommendationMarkdown } from './domain/markdown.js';
import { unflattenProfile } from './domain/profile.js';
import { recommend } from './domain/rank.js';
import { RecommendationQueryDto } from './dto/recommendation-query.dto.js';
import { RecommendationRequestDto } from './dto/recommendation-request.dto.js';

const MEDIA = ['application/json', 'text/markdown'] as const;

@Controller('v1/recommendations')
export class RecommendationController {
  // The global pipe, instantiated once more for the converted query: same rules, same messages.
  private readonly queryPipe = createValidationPipe();

  constructor(@Inject(CATALOG) private readonly catalog: Catalog) {}

  @Post()
  @HttpCode(200)
  post(@Body() body: RecommendationRequestDto, @Req() req: Request, @Res() res: Response): void {
    const { type, text } = this.answer(body, req);
    res.setHeader('Vary', 'Accept');
    res.status(200).type(type).send(text);
  }

  /** The profile as dotted query parameters, so a recommendation can be shared as a link. */
  @Get()
  async get(
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { input, errors } = unflattenProfile(query);
    if (errors.length > 0) {
      throw new BadRequestError(
        `Invalid request: ${[...new Set(errors.map((e) => e.field))].join(', ')}.`,
        errors,
      );
    }
    const dto = (await this.queryPipe.transform(input, {
      type: 'query',
      metatype: RecommendationQueryDto,
    })) as RecommendationQueryDto;
    const { type, text } = this.answer(dto, req);
    sendCacheable(req, res, type, text);
  }

  private answer(profile: RecommendationRequestDto, req: Request): { type: string; text: string } {
    const result = recommend(profile, this.catalog);
    return negotiate(req, MEDIA) === 'text/markdown'
      ? { type: 'text/markdown; charset=utf-8', text: recommendationMarkdown(result) }
      : { type: 'application/json; charset=utf-8', text: JSON.stringify(result) };
  }
}
