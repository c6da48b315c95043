import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendCacheable } from '../common/cacheable.js';
import { NotFoundError } from '../common/errors.js';
import { negotiate } from '../common/negotiation.js';
import type { Rule } from './engine/types.js';
import { ruleById, rules } from './rules/index.js';

const MEDIA = ['application/json', 'text/markdown'] as const;

function toJson(rule: Rule) {
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    category: rule.category,
    patterns: rule.patterns,
    description: rule.description,
    remediation: rule.remediation,
    references: rule.references,
  };
}

function ruleMarkdown(rule: Rule): string {
  const lines = [
    `### \`${rule.id}\` — ${rule.title}`,
    '',
    `**${rule.severity}** · ${rule.category}${rule.patterns.length > 0 ? ` · patterns: ${rule.patterns.join(', ')}` : ''}`,
    '',
    rule.description,
    '',
    `**Fix:** ${rule.remediation}`,
  ];
  if (rule.references.length > 0)
    lines.push('', ...rule.references.map((reference) => `- ${reference}`));
  return lines.join('\n') + '\n';
}

function listMarkdown(all: readonly Rule[]): string {
  const rows = all.map(
    (rule) => `| \`${rule.id}\` | ${rule.severity} | ${rule.title.replace(/\|/g, '\\|')} |`,
  );
  return (
    ['### podwire rules', '', '| Rule | Severity | Checks |', '|---|---|---|', ...rows].join('\n') +
    '\n'
  );
}

/** The rule catalogue, served from the registry (descriptions are data, never hand-written docs). */
@Controller('v1/rules')
export class RulesController {
  @Get()
  list(@Req() req: Request, @Res() res: Response): void {
    if (negotiate(req, MEDIA) === 'text/markdown') {
      sendCacheable(req, res, 'text/markdown; charset=utf-8', listMarkdown(rules));
    } else {
      sendCacheable(
        req,
        res,
        'application/json; charset=utf-8',
        JSON.stringify({ rules: rules.map(toJson) }),
      );
    }
  }

  @Get(':scope/:name')
  one(
    @Param('scope') scope: string,
    @Param('name') name: string,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    const rule = ruleById(`${scope}/${name}`);
    if (!rule)
      throw new NotFoundError(`No rule "${scope}/${name}". GET /v1/rules lists every rule.`);
    if (negotiate(req, MEDIA) === 'text/markdown') {
      sendCacheable(req, res, 'text/markdown; charset=utf-8', ruleMarkdown(rule));
    } else {
      sendCacheable(req, res, 'application/json; charset=utf-8', JSON.stringify(toJson(rule)));
    }
  }
}
