import type { Rule } from '../../validation/engine/types.js';
import { apiUrl, type AnswerContext } from './answer-context.js';
import { errorReply } from './answer-help.js';
import {
  bold,
  clip,
  code,
  italic,
  link,
  plain,
  type Line,
  type Reply,
  type ReplyBlock,
} from './reply.js';

const scopeOf = (rule: Rule) => rule.id.split('/')[0];

function scopes(rules: readonly Rule[]): string[] {
  return [...new Set(rules.map(scopeOf))].sort();
}

const codes = (items: readonly string[]): Line =>
  items.flatMap((x, i) => [...(i > 0 ? [plain(', ')] : []), code(x)]);

export function rulesReply(ctx: AnswerContext, share: boolean, scope: string | undefined): Reply {
  const wanted = scope?.toLowerCase().replace(/\/+$/, '');
  const all = scopes(ctx.rules);
  if (wanted !== undefined && !all.includes(wanted)) {
    return errorReply(
      'Unknown rule scope',
      [[plain('There is no rule scope '), code(scope!), plain('.')]],
      [{ kind: 'section', lines: [[plain('Scopes: '), ...codes(all)]] }],
      `Unknown rule scope "${scope}"`,
    );
  }
  const shown = wanted === undefined ? all : [wanted];
  const blocks: ReplyBlock[] = [
    {
      kind: 'header',
      text: wanted === undefined ? 'Validation rules' : `Validation rules: ${wanted}`,
    },
  ];
  for (const s of shown) {
    const rules = ctx.rules.filter((r) => scopeOf(r) === s);
    blocks.push({
      kind: 'section',
      id: `scope:${s}`,
      lines: [
        [bold(s), plain(` (${rules.length})`)],
        ...rules.map((r): Line => [code(r.id), plain(` ${r.severity} — ${clip(r.title, 120)}`)]),
      ],
    });
  }
  blocks.push({
    kind: 'context',
    lines: [
      [
        plain('Details: '),
        code(`${ctx.slash} rule <id>`),
        plain(' · '),
        link('JSON', apiUrl(ctx, '/v1/rules')),
      ],
    ],
  });
  const count = ctx.rules.filter((r) => shown.includes(scopeOf(r))).length;
  return {
    visibility: share ? 'in_channel' : 'ephemeral',
    summary: `${count} podwire validation rules${wanted ? ` in ${wanted}` : ''}`,
    blocks,
  };
}

export function ruleReply(ctx: AnswerContext, share: boolean, id: string | undefined): Reply {
  const rule = id === undefined ? undefined : ctx.rules.find((r) => r.id === id.toLowerCase());
  if (!rule) return unknownRule(ctx, id);
  const blocks: ReplyBlock[] = [
    { kind: 'header', text: rule.title },
    {
      kind: 'section',
      lines: [
        [
          bold(rule.id),
          plain(` · ${rule.severity} · ${rule.category}`),
          ...(rule.patterns.length > 0 ? [plain(' · patterns: '), ...codes(rule.patterns)] : []),
        ],
        [plain(rule.description)],
      ],
    },
    { kind: 'section', lines: [[bold('Fix: '), plain(rule.remediation)]] },
    {
      kind: 'context',
      lines: [
        [italic('Silence per object: '), code(`podwire.dev/ignore: "${rule.id}"`)],
        rule.references.flatMap((url, i) => [
          ...(i > 0 ? [plain(' · ')] : []),
          link(shortUrl(url), url),
        ]),
        [link('JSON', apiUrl(ctx, `/v1/rules/${rule.id}`))],
      ].filter((l) => l.length > 0),
    },
  ];
  return {
    visibility: share ? 'in_channel' : 'ephemeral',
    summary: `${rule.id}: ${rule.title}`,
    blocks,
  };
}

function shortUrl(url: string): string {
  return clip(url.replace(/^https?:\/\//, ''), 80);
}

function unknownRule(ctx: AnswerContext, id: string | undefined): Reply {
  if (id === undefined) {
    return errorReply(
      'Which rule?',
      [
        [
          plain('Name a rule: '),
          code(`${ctx.slash} rule <scope/name>`),
          plain(', e.g. '),
          code('pod/port-conflict'),
        ],
      ],
      [
        {
          kind: 'section',
          lines: [
            [
              plain('List them with '),
              code(`${ctx.slash} rules [scope]`),
              plain('; scopes: '),
              ...codes(scopes(ctx.rules)),
            ],
          ],
        },
      ],
      'Which rule? Name one by its id.',
    );
  }
  const needle = id.toLowerCase();
  const [scope, name] = needle.includes('/') ? needle.split('/', 2) : [undefined, needle];
  const similar = ctx.rules
    .filter(
      (r) =>
        (name !== '' && r.id.split('/')[1]?.includes(name)) ||
        (scope !== undefined && scopeOf(r) === scope),
    )
    .map((r) => r.id)
    .slice(0, 12);
  const help: ReplyBlock[] =
    similar.length > 0
      ? [{ kind: 'section', lines: [[plain('Did you mean: '), ...codes(similar)]] }]
      : [
          {
            kind: 'section',
            lines: [
              [
                plain('List the rules with '),
                code(`${ctx.slash} rules [scope]`),
                plain('; scopes: '),
                ...codes(scopes(ctx.rules)),
              ],
            ],
          },
        ];
  return errorReply(
    'Unknown rule',
    [[plain('There is no rule '), code(id), plain('.')]],
    help,
    `Unknown rule "${id}"`,
  );
}
