import type { AnswerContext } from './answer-context.js';
import { helpReply } from './answer-help.js';
import { patternReply, patternsReply } from './answer-patterns.js';
import { recommendReply } from './answer-recommend.js';
import { ruleReply, rulesReply } from './answer-rules.js';
import { validateReply } from './answer-validate.js';
import type { Command } from './command.js';
import type { Reply } from './reply.js';

/** The answer to a parsed command, platform-neutral (see the formatters). */
export function answer(command: Command, ctx: AnswerContext): Reply {
  switch (command.name) {
    case 'help':
      return helpReply(ctx, command.share, command.unknown);
    case 'patterns':
      return patternsReply(ctx, command.share);
    case 'pattern':
      return patternReply(ctx, command.share, command.id);
    case 'recommend':
      return recommendReply(ctx, command.share, command.args);
    case 'rule':
      return ruleReply(ctx, command.share, command.id);
    case 'rules':
      return rulesReply(ctx, command.share, command.scope);
    case 'validate':
      return validateReply(ctx, command);
  }
}
