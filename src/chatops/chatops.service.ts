import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import type { Catalog } from '../catalog/catalog.js';
import { CATALOG } from '../catalog/catalog.tokens.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { rules } from '../validation/rules/index.js';
import { answer } from './domain/answer.js';
import { slashName, type AnswerContext } from './domain/answer-context.js';
import { COMMAND_NAMES, parseCommand } from './domain/command.js';
import type { Reply } from './domain/reply.js';
import { fromSlack } from './domain/slack-text.js';

export type Platform = 'slack' | 'mattermost';

@Injectable()
export class ChatopsService {
  private readonly commands: Counter<'platform' | 'command'>;

  constructor(
    @Inject(CATALOG) private readonly catalog: Catalog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: MetricsService,
  ) {
    this.commands = new Counter({
      name: 'podwire_chatops_commands_total',
      help: 'Verified chat commands answered, by platform and command (unknown commands count as help).',
      labelNames: ['platform', 'command'] as const,
      registers: [metrics.registry],
    });
    // Zero series up front, so dashboards (and tests) see every label pair before its first use.
    for (const platform of ['slack', 'mattermost'] as const)
      for (const command of COMMAND_NAMES) this.commands.inc({ platform, command }, 0);
  }

  /** Only ever called for verified requests. */
  handle(platform: Platform, text: string | undefined, slash: string | undefined): Reply {
    const parsed = parseCommand(text ?? '');
    const command = platform === 'slack' ? fromSlack(parsed) : parsed;
    this.commands.inc({ platform, command: command.name });
    const ctx: AnswerContext = {
      catalog: this.catalog,
      rules,
      publicBaseUrl: this.config.publicBaseUrl,
      slash: slashName(slash),
    };
    return answer(command, ctx);
  }
}
