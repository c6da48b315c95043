import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { negotiate } from '../common/negotiation.js';
import { RenderRequestDto } from './dto/render-request.dto.js';
import { render } from './render.js';
import { renderMarkdown, yamlWithNotes } from './render-markdown.js';

const MEDIA = ['application/json', 'application/yaml', 'text/markdown'] as const;

@Controller('v1/manifests')
export class RenderingController {
  @Post('render')
  @HttpCode(200)
  render(@Body() body: RenderRequestDto, @Req() req: Request, @Res() res: Response): void {
    const result = render(body);
    res.setHeader('Vary', 'Accept');
    switch (negotiate(req, MEDIA)) {
      case 'application/yaml':
        res.status(200).type('application/yaml; charset=utf-8').send(yamlWithNotes(result));
        return;
      case 'text/markdown':
        res.status(200).type('text/markdown; charset=utf-8').send(renderMarkdown(result));
        return;
      default:
        res.status(200).type('application/json; charset=utf-8').send(JSON.stringify(result));
    }
  }
}
