import { distance } from '../../kubernetes/lifecycle/closest.js';
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

/** Suggestions shown for an unknown rule id. */
const MAX_SUGGESTIONS = 5;

/**
 * The rule ids a mistyped one most likely meant, closest first: by edit distance to the whole
 * id, or to the name alone when no scope was given (`port-conflict`); a name containing the
 * typed one (or contained in it) also counts. Ties go alphabetically. With none close, the
 * nearest rules of the typed scope.
 */
export function nearestRules(id: string, rules: readonly Rule[]): string[] {
  const needle = id.toLowerCase();
  const hasScope = needle.includes('/');
  const nameOf = (ruleId: string) => ruleId.slice(ruleId.indexOf('/') + 1);
  const typedName = nameOf(needle);
  const limit = Math.max(2, Math.floor(needle.length / 3));
  const ranked: Array<{ id: string; d: number }> = [];
  for (const rule of rules) {
    const candidate = rule.id.toLowerCase();
    const name = nameOf(candidate);
    let d = distance(needle, hasScope ? candidate : name, limit);
    // A substring match ranks after any near typo of the same length.
    if (
      d > limit &&
      typedName.length >= 3 &&
      (name.includes(typedName) || typedName.includes(name))
    )
      d = limit + 0.5;
    if (d <= limit + 0.5) ranked.push({ id: rule.id, d });
  }
  if (ranked.length === 0 && hasScope) {
    // Nothing close, but a known scope: its rules, still nearest first.
    const scope = needle.slice(0, needle.indexOf('/'));
    for (const rule of rules)
      if (scopeOf(rule) === scope)
        ranked.push({ id: rule.id, d: distance(typedName, nameOf(rule.id.toLowerCase()), 64) });
  }
  return ranked
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, MAX_SUGGESTIONS)
    .map((r) => r.id);
}

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
  const similar = nearestRules(id, ctx.rules);
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
