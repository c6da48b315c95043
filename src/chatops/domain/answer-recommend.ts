import {
  checkProfile,
  fieldMessage,
  PROFILE_FIELDS,
  ProfileError,
  profileField,
  unflattenProfile,
  type ProfileField,
} from '../../recommendation/domain/profile.js';
import { recommend, type Recommendation } from '../../recommendation/domain/rank.js';
import { apiUrl, type AnswerContext } from './answer-context.js';
import { errorReply, profileKeyLines } from './answer-help.js';
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

/** `recommend key=value …`: the same profile, ranking and link as `GET /v1/recommendations`. */
export function recommendReply(ctx: AnswerContext, share: boolean, args: readonly string[]): Reply {
  const parsed = parseArgs(args);
  const { input, errors } = unflattenProfile(parsed.pairs);
  // Every mistake at once: unknown keys, repeated keys and bad values of the known ones.
  const show = (e: { field: string; message: string }, message: string): Line => {
    const given = parsed.pairs.find(([k]) => k === e.field);
    return [...(given ? [code(`${given[0]}=${given[1]}`), plain(': ')] : []), plain(message)];
  };
  const valueProblems = [
    // Structural problems (a key given twice) come with their own wording…
    ...errors.map((e): Line => [plain(e.message)]),
    // …bad values are named with what the field allows.
    ...checkProfile(input).map((e) => {
      const field = profileField(e.field);
      return show(e, field ? fieldMessage(field) : e.message);
    }),
  ];
  const problems = [...parsed.problems, ...valueProblems];
  if (problems.length > 0) return invalid(ctx, problems, parsed.unknownKey);
  let result: Recommendation;
  try {
    result = recommend(input, ctx.catalog);
  } catch (error) {
    // The ranking re-checks the profile; should it ever refuse more than checkProfile, say why.
    if (!(error instanceof ProfileError)) throw error;
    return invalid(
      ctx,
      (error.errors ?? []).map((e): Line => [plain(e.message)]),
      false,
    );
  }
  const url = apiUrl(ctx, '/v1/recommendations', new URLSearchParams(parsed.pairs));
  return {
    visibility: share ? 'in_channel' : 'ephemeral',
    summary:
      result.options.length > 0
        ? `podwire recommends ${result.options[0].pattern} (score ${result.options[0].score})`
        : 'podwire: no pattern fits this profile',
    blocks: recommendationBlocks(result, parsed.pairs, url),
  };
}

interface ParsedArgs {
  pairs: Array<[string, string]>;
  problems: Line[];
  unknownKey: boolean;
}

/** Keys match case-insensitively (`datavolume` is `dataVolume`); enum and boolean values too. */
function parseArgs(args: readonly string[]): ParsedArgs {
  const pairs: Array<[string, string]> = [];
  const problems: Line[] = [];
  let unknownKey = false;
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) {
      problems.push([code(arg), plain(' is not in key=value form')]);
      unknownKey = true;
      continue;
    }
    const key = arg.slice(0, eq);
    const value = arg.slice(eq + 1);
    const field = PROFILE_FIELDS.find((f) => f.name.toLowerCase() === key.toLowerCase());
    if (!field) {
      problems.push([plain('Unknown key '), code(key)]);
      unknownKey = true;
      continue;
    }
    pairs.push([field.name, normaliseValue(field, value)]);
  }
  return { pairs, problems, unknownKey };
}

function normaliseValue(field: ProfileField, value: string): string {
  return field.kind === 'enum' || field.kind === 'boolean' ? value.toLowerCase() : value;
}

function invalid(ctx: AnswerContext, problems: Line[], listKeys: boolean): Reply {
  const help: ReplyBlock[] = listKeys
    ? [
        {
          kind: 'section',
          lines: [
            [bold('Valid keys'), plain(' (dotted for nested fields):')],
            ...profileKeyLines(),
          ],
        },
      ]
    : [];
  help.push({
    kind: 'context',
    lines: [
      [
        italic('Example: '),
        code(`${ctx.slash} recommend placement=same-pod interaction=file-exchange dataVolume=bulk`),
      ],
    ],
  });
  return errorReply(
    'Cannot read that profile',
    problems,
    help,
    `podwire could not read that profile: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
  );
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function recommendationBlocks(
  rec: Recommendation,
  pairs: ReadonlyArray<[string, string]>,
  url: string,
): ReplyBlock[] {
  const asked: Line =
    pairs.length > 0
      ? pairs.flatMap(([k, v], i) => [...(i > 0 ? [plain(' ')] : []), code(`${k}=${v}`)])
      : [plain('the default profile')];
  const blocks: ReplyBlock[] = [
    { kind: 'header', text: 'podwire recommendation' },
    { kind: 'context', lines: [[plain('For '), ...asked]] },
  ];
  if (rec.options.length === 0)
    blocks.push({
      kind: 'section',
      lines: [[plain('No pattern fits this profile; see why below.')]],
    });
  for (const o of rec.options) {
    const lines: Line[] = [
      [
        plain(`${o.rank}. `),
        bold(o.pattern),
        plain(` — ${o.name} · score ${fmt(o.score)} · ${o.verdict}${o.core ? ' · core' : ''}`),
      ],
    ];
    if (o.reasons[0]) lines.push([plain(clip(o.reasons[0], 280))]);
    blocks.push({ kind: 'section', id: `option:${o.rank}:${o.pattern}`, lines });
  }
  if (rec.excluded.length > 0) {
    // Placement alone often excludes half the catalogue for one reason: say it once.
    const byReason = new Map<string, string[]>();
    for (const e of rec.excluded) {
      const reason = e.reasons[0] ?? '';
      byReason.set(reason, [...(byReason.get(reason) ?? []), e.pattern]);
    }
    const lines = [...byReason].map(([reason, ids]): Line => [
      ...ids.flatMap((id, i) => [...(i > 0 ? [plain(', ')] : []), code(id)]),
      plain(` — ${clip(reason, 240)}`),
    ]);
    blocks.push(
      { kind: 'divider' },
      { kind: 'section', id: 'excluded', lines: [[bold('Excluded')], ...lines] },
    );
  }
  blocks.push({
    kind: 'context',
    lines: [
      [
        plain('Full answer with score breakdowns and render bodies: '),
        link('GET /v1/recommendations', url),
      ],
    ],
  });
  return blocks;
}
