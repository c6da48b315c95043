import { Controller, Header, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { SkipApiKey } from '../common/api-key.guard.js';
import { Consumes } from '../common/consumes.js';
import { SlackSignatureGuard } from './chatops.guards.js';
import { ChatopsService } from './chatops.service.js';
import type { SlackMessage } from './domain/block-kit-limits.js';
import { toBlockKit } from './domain/block-kit.formatter.js';
import { SLACK_FIELDS, SlackCommandDto } from './dto/slack-command.dto.js';
import { readForm } from './read-form.js';

@Controller('v1/chatops')
@SkipApiKey()
export class SlackController {
  constructor(private readonly chatops: ChatopsService) {}

  @Post('slack')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Consumes('application/x-www-form-urlencoded')
  @UseGuards(SlackSignatureGuard)
  async command(@Req() req: Request): Promise<SlackMessage | Record<string, never>> {
    const form = await readForm(req, SlackCommandDto, SLACK_FIELDS);
    if (form.ssl_check === '1') return {};
    return toBlockKit(this.chatops.handle('slack', form.text, form.command));
  }
}
