import { Controller, Header, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { SkipApiKey } from '../common/api-key.guard.js';
import { Consumes } from '../common/consumes.js';
import { MattermostTokenGuard } from './chatops.guards.js';
import { ChatopsService } from './chatops.service.js';
import { toMattermost, type MattermostResponse } from './domain/mattermost.formatter.js';
import { MATTERMOST_FIELDS, MattermostCommandDto } from './dto/mattermost-command.dto.js';
import { readForm } from './read-form.js';

@Controller('v1/chatops')
@SkipApiKey()
export class MattermostController {
  constructor(private readonly chatops: ChatopsService) {}

  @Post('mattermost')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Consumes('application/x-www-form-urlencoded')
  @UseGuards(MattermostTokenGuard)
  async command(@Req() req: Request): Promise<MattermostResponse> {
    const form = await readForm(req, MattermostCommandDto, MATTERMOST_FIELDS);
    return toMattermost(this.chatops.handle('mattermost', form.text, form.command));
  }
}
