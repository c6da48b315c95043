import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { MattermostTokenGuard, SlackSignatureGuard } from './chatops.guards.js';
import { ChatopsService } from './chatops.service.js';
import { MattermostController } from './mattermost.controller.js';
import { SlackController } from './slack.controller.js';

@Module({
  imports: [CatalogModule],
  controllers: [SlackController, MattermostController],
  providers: [ChatopsService, SlackSignatureGuard, MattermostTokenGuard],
})
export class ChatopsModule {}
