import { PROFILE_FIELDS } from '../../recommendation/domain/profile.js';
import { PROFILE_LEVELS } from '../../recommendation/domain/profile-levels.js';
import type { AnswerContext } from './answer-context.js';
import { bold, code, italic, plain, type Line, type Reply, type ReplyBlock } from './reply.js';

/** `key` — allowed values, one line per profile field (help and recommend errors share it). */
export function profileKeyLines(): Line[] {
  return PROFILE_FIELDS.map((f) => [
    code(f.name),
    plain(
      ` ${f.kind === 'enum' || f.kind === 'boolean' ? f.allowed.join(', ') : f.allowed.join(' ')} — ${f.description}`,
    ),
  ]);
}

/**
 * What each level means (the same lines as openapi.yaml), one section per field: a field's lines
 * stay well under a Block Kit section's 3,000 characters, all of them together would not.
 */
export function levelBlocks(): ReplyBlock[] {
  return Object.entries(PROFILE_LEVELS).map(([field, levels]) => ({
    kind: 'section',
    lines: [
      [bold(field), plain(' levels:')],
      ...Object.entries(levels as Record<string, string>).map(([level, meaning]): Line => [
        code(level),
        plain(` — ${meaning}`),
      ]),
    ],
  }));
}

export function usageLines(ctx: AnswerContext): Line[] {
  const s = ctx.slash;
  return [
    [code(`${s} patterns`), plain(' — the communication patterns podwire knows')],
    [code(`${s} pattern <id>`), plain(' — one pattern: ratings, when to use it, references')],
    [code(`${s} recommend key=value …`), plain(' — rank the patterns for your requirements')],
    [
      code(`${s} rules [scope]`),
      plain(' — the manifest validation rules, optionally of one scope'),
    ],
    [code(`${s} rule <id>`), plain(' — one validation rule, e.g. '), code('pod/port-conflict')],
    [
      code(`${s} validate <manifest>`),
      plain(
        ' — validate YAML pasted after the word (a code block is fine, up to 64 KiB): findings and the first edit of each fix; options ',
      ),
      code('kubernetesVersion=1.31'),
      plain(' '),
      code('pattern=<id>'),
      plain(' go right after '),
      code('validate'),
    ],
    [code(`${s} help`), plain(' — this message')],
    [
      plain('Add '),
      code('--share'),
      plain(' at the end to post the answer in the channel; otherwise only you see it.'),
    ],
  ];
}

export function helpReply(ctx: AnswerContext, share: boolean, unknown?: string): Reply {
  const blocks: ReplyBlock[] = [
    { kind: 'header', text: 'podwire: how should my containers talk?' },
  ];
  if (unknown !== undefined)
    blocks.push({
      kind: 'section',
      lines: [[plain('Unknown command '), code(unknown), plain('. Here is what I understand:')]],
    });
  blocks.push(
    { kind: 'section', lines: usageLines(ctx) },
    { kind: 'divider' },
    {
      kind: 'section',
      lines: [
        [bold('recommend'), plain(' keys (dotted for nested fields):')],
        ...profileKeyLines(),
      ],
    },
    { kind: 'divider' },
    ...levelBlocks(),
    {
      kind: 'context',
      lines: [
        [
          italic('Example: '),
          code(
            `${ctx.slash} recommend placement=same-pod interaction=file-exchange dataVolume=bulk`,
          ),
        ],
      ],
    },
  );
  return {
    // A mistyped command is answered privately, whatever the flag says.
    visibility: share && unknown === undefined ? 'in_channel' : 'ephemeral',
    summary:
      unknown === undefined ? 'podwire commands' : `Unknown command "${unknown}": podwire commands`,
    blocks,
  };
}

/** A private reply for a mistake, with what to type instead. */
export function errorReply(
  title: string,
  problems: readonly Line[],
  help: readonly ReplyBlock[],
  summary: string,
): Reply {
  return {
    visibility: 'ephemeral',
    summary,
    blocks: [{ kind: 'header', text: title }, { kind: 'section', lines: problems }, ...help],
  };
}
