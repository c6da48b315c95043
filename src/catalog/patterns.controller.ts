import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NotFoundError } from '../common/errors.js';
import { negotiate } from '../common/negotiation.js';
import { catalogMarkdown, patternMarkdown } from '../recommendation/domain/markdown.js';
import { sendCacheable } from '../common/cacheable.js';
import { type Catalog, CRITERIA } from './catalog.js';
import { CATALOG } from './catalog.tokens.js';

const MEDIA = ['application/json', 'text/markdown'] as const;
const JSON_TYPE = 'application/json; charset=utf-8';
const MARKDOWN_TYPE = 'text/markdown; charset=utf-8';

interface Representations {
  json: string;
  markdown: string;
}

@Controller('v1/patterns')
export class PatternsController {
  // The catalogue is frozen at start-up, so every representation is built once.
  private readonly list: Representations;
  private readonly byId: ReadonlyMap<string, Representations>;

  constructor(@Inject(CATALOG) private readonly catalog: Catalog) {
    this.list = {
      json: JSON.stringify({ criteria: CRITERIA, patterns: catalog }),
      markdown: catalogMarkdown(catalog),
    };
    this.byId = new Map(
      catalog.map((p) => [p.id, { json: JSON.stringify(p), markdown: patternMarkdown(p) }]),
    );
  }

  @Get()
  listPatterns(@Req() req: Request, @Res() res: Response): void {
    send(req, res, this.list);
  }

  @Get(':id')
  getPattern(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    const pattern = this.byId.get(id);
    if (!pattern) {
      throw new NotFoundError(
        `No pattern "${id}". Known patterns: ${this.catalog.map((p) => p.id).join(', ')}.`,
      );
    }
    send(req, res, pattern);
  }
}

function send(req: Request, res: Response, r: Representations): void {
  if (negotiate(req, MEDIA) === 'text/markdown') sendCacheable(req, res, MARKDOWN_TYPE, r.markdown);
  else sendCacheable(req, res, JSON_TYPE, r.json);
}
