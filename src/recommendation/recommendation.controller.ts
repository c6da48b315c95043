import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
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
  /**
   * Ranking is a pure function of the validated profile (the catalogue is fixed at boot), and
   * portals ask the same few profiles again and again: the rendered answer is kept per profile
   * and media type, which saves the ranking and the serialisation (≈ 30 µs of a ≈ 230 µs request).
   */
  private readonly answers = new LRUCache<string, { type: string; text: string }>({ max: 1024 });

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
    const media = negotiate(req, MEDIA);
    const key = `${media} ${JSON.stringify(profile)}`;
    const remembered = this.answers.get(key);
    if (remembered) return remembered;
    const result = recommend(profile, this.catalog);
    const answer =
      media === 'text/markdown'
        ? { type: 'text/markdown; charset=utf-8', text: recommendationMarkdown(result) }
        : { type: 'application/json; charset=utf-8', text: JSON.stringify(result) };
    this.answers.set(key, answer);
    return answer;
  }
}
