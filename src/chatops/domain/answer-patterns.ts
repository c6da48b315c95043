import { CRITERIA, findPattern, type Pattern } from '../../catalog/catalog.js';
import { apiUrl, type AnswerContext } from './answer-context.js';
import { errorReply } from './answer-help.js';
import { bold, clip, code, link, plain, type Line, type Reply, type ReplyBlock } from './reply.js';

function firstSentence(text: string): string {
  return /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
}

export function patternsReply(ctx: AnswerContext, share: boolean): Reply {
  const lines: Line[] = ctx.catalog.map((p) => [
    plain(p.core ? '★ ' : '• '),
    bold(p.id),
    plain(` — ${p.name} (${p.scope}): ${clip(firstSentence(p.summary), 160)}`),
  ]);
  return {
    visibility: share ? 'in_channel' : 'ephemeral',
    summary: `podwire knows ${ctx.catalog.length} communication patterns`,
    blocks: [
      { kind: 'header', text: 'Communication patterns' },
      { kind: 'section', lines },
      {
        kind: 'context',
        lines: [
          [
            plain('★ core pattern · details: '),
            code(`${ctx.slash} pattern <id>`),
            plain(' · '),
            link('JSON', apiUrl(ctx, '/v1/patterns')),
          ],
        ],
      },
    ],
  };
}

export function patternReply(ctx: AnswerContext, share: boolean, id: string | undefined): Reply {
  const pattern = id === undefined ? undefined : findPattern(ctx.catalog, id.toLowerCase());
  if (!pattern) return unknownPattern(ctx, id);
  return {
    visibility: share ? 'in_channel' : 'ephemeral',
    summary: `${pattern.name} (${pattern.id})`,
    blocks: patternBlocks(ctx, pattern),
  };
}

function patternBlocks(ctx: AnswerContext, p: Pattern): ReplyBlock[] {
  const bullets = (items: readonly string[]): Line[] =>
    items.map((x) => [plain(`• ${clip(x, 400)}`)]);
  const blocks: ReplyBlock[] = [
    { kind: 'header', text: p.name },
    {
      kind: 'section',
      lines: [
        [
          bold(p.id),
          plain(
            ` · ${p.scope}${p.core ? ' · core pattern' : ''} · Kubernetes ${p.minKubernetesVersion}+ · ${p.kubernetesObjects.join(', ')}`,
          ),
        ],
        [plain(p.summary)],
      ],
    },
    {
      kind: 'fields',
      fields: CRITERIA.map((c) => ({
        label: `${c} ${p.ratings[c].rating}/5`,
        value: [plain(clip(p.ratings[c].justification, 300))],
      })),
    },
    { kind: 'section', lines: [[bold('Use when')], ...bullets(p.useWhen)] },
    { kind: 'section', lines: [[bold('Avoid when')], ...bullets(p.avoidWhen)] },
  ];
  if (p.cautions.length > 0)
    blocks.push({ kind: 'section', lines: [[bold('Cautions')], ...bullets(p.cautions)] });
  const refs: Line = p.references.flatMap((r, i) => [
    ...(i > 0 ? [plain(' · ')] : []),
    link(r.title, r.url),
  ]);
  blocks.push({
    kind: 'context',
    lines: [refs, [link('JSON', apiUrl(ctx, `/v1/patterns/${p.id}`))]],
  });
  return blocks;
}

function unknownPattern(ctx: AnswerContext, id: string | undefined): Reply {
  const problem: Line =
    id === undefined
      ? [plain('Name a pattern: '), code(`${ctx.slash} pattern <id>`)]
      : [plain('There is no pattern '), code(id), plain('.')];
  return errorReply(
    id === undefined ? 'Which pattern?' : 'Unknown pattern',
    [problem],
    [
      {
        kind: 'section',
        lines: [
          [
            plain('Known patterns: '),
            ...ctx.catalog.flatMap((p, i) => [...(i > 0 ? [plain(', ')] : []), code(p.id)]),
          ],
        ],
      },
    ],
    id === undefined ? 'Which pattern? Name one of the known ids.' : `Unknown pattern "${id}"`,
  );
}
