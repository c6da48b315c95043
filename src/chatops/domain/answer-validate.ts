import { PATTERN_IDS } from '../../catalog/pattern-ids.js';
import { DomainError } from '../../common/errors.js';
import { validateManifest } from '../../validation/engine/validate.js';
import type { Finding, ValidationResult } from '../../validation/engine/result.js';
import { LineIndex } from '../../validation/fixing/offsets.js';
import { apiUrl, type AnswerContext } from './answer-context.js';
import { errorReply } from './answer-help.js';
import type { ValidateCommand } from './command-validate.js';
import { previewEdit } from './fix-preview.js';
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

/**
 * `validate <manifest>`: the same pure core as `POST /v1/manifests/validate`, run inline. Chat
 * must answer within Slack's 3 seconds, so the text is bounded by the size the endpoint itself
 * still validates on the request thread (pool.ts WORKER_THRESHOLD_BYTES, ≈ 40 ms to parse).
 */
export const MAX_MANIFEST_BYTES = 64 * 1024;

/**
 * Findings shown. Each takes two blocks (its lines, the diff of its fix) of at most ≈ 1,300
 * characters: ten stay within Block Kit's 50 blocks and, in practice, its 12,000-character
 * budget; the formatter cuts whole blocks with a notice should a reply still not fit.
 */
export const MAX_FINDINGS_SHOWN = 10;

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function validateReply(ctx: AnswerContext, command: ValidateCommand): Reply {
  const problems = optionProblems(command);
  if (problems.length > 0)
    return refuse(ctx, 'Cannot read those options', problems, 'podwire: unknown validate options');
  if (command.manifest.trim() === '')
    return refuse(
      ctx,
      'Paste a manifest to validate',
      [[plain('Nothing came after '), code('validate'), plain('.')]],
      'podwire: no manifest to validate',
    );
  const bytes = Buffer.byteLength(command.manifest, 'utf8');
  if (bytes > MAX_MANIFEST_BYTES)
    return refuse(
      ctx,
      'That manifest is too large for chat',
      [
        [
          plain(
            `It has ${Math.ceil(bytes / 1024)} KiB; chat validates up to ${MAX_MANIFEST_BYTES / 1024} KiB. Send it to `,
          ),
          link('POST /v1/manifests/validate', apiUrl(ctx, '/v1/manifests/validate')),
          plain(' or run '),
          code('podwire validate <file>'),
          plain('.'),
        ],
      ],
      'podwire: manifest too large for chat',
    );
  let result: ValidationResult;
  try {
    result = validateManifest(command.manifest, {
      kubernetesVersion: command.kubernetesVersion,
      pattern: command.pattern?.toLowerCase(),
    });
  } catch (error) {
    // 4xx of the validator (an unknown kubernetesVersion, a limit): the same words as the API.
    if (!(error instanceof DomainError) || error.status >= 500) throw error;
    const lines: Line[] = (error.errors ?? []).map((e) => [code(e.field), plain(`: ${e.message}`)]);
    return refuse(
      ctx,
      'Cannot validate that manifest',
      lines.length > 0 ? lines : [[plain(error.message)]],
      `podwire could not validate that manifest: ${error.message}`,
    );
  }
  return {
    visibility: command.share ? 'in_channel' : 'ephemeral',
    summary: `podwire: manifest ${result.valid ? 'valid' : 'invalid'}: ${counts(result)}`,
    blocks: resultBlocks(ctx, command, result),
  };
}

function optionProblems(command: ValidateCommand): Line[] {
  const problems: Line[] = command.unknownOptions.map((o) => [
    plain('Unknown option '),
    code(o),
    plain(': validate takes '),
    code('kubernetesVersion=<x.y>'),
    plain(' and '),
    code('pattern=<id>'),
  ]);
  if (command.afterFence !== undefined)
    problems.push([
      plain('Text after the code block: '),
      code(clip(command.afterFence, 80)),
      plain('; options go right after '),
      code('validate'),
      plain(', only '),
      code('--share'),
      plain(' at the end'),
    ]);
  const pattern = command.pattern?.toLowerCase();
  if (pattern !== undefined && !(PATTERN_IDS as readonly string[]).includes(pattern))
    problems.push([
      plain('Unknown pattern '),
      code(command.pattern!),
      plain('; one of: '),
      ...PATTERN_IDS.flatMap((id, i) => [...(i > 0 ? [plain(', ')] : []), code(id)]),
    ]);
  return problems;
}

function refuse(ctx: AnswerContext, title: string, problems: Line[], summary: string): Reply {
  return errorReply(title, problems, [{ kind: 'context', lines: [usage(ctx)] }], summary);
}

function usage(ctx: AnswerContext): Line {
  return [
    italic('Usage: '),
    code(`${ctx.slash} validate [kubernetesVersion=1.31] [pattern=<id>] <manifest> [--share]`),
    plain(' — the manifest pasted after the word, in a code block or not'),
  ];
}

function counts(result: ValidationResult): string {
  const s = result.summary;
  return `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}`;
}

function resultBlocks(
  ctx: AnswerContext,
  command: ValidateCommand,
  result: ValidationResult,
): ReplyBlock[] {
  const s = result.summary;
  const overview: Line[] = [
    [
      plain(`${plural(s.objects, 'object')} in ${plural(s.documents, 'document')}: `),
      bold(plural(s.errors, 'error')),
      plain(`, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}`),
    ],
  ];
  const asked = [
    ...(command.kubernetesVersion ? [`kubernetesVersion=${command.kubernetesVersion}`] : []),
    ...(command.pattern ? [`pattern=${command.pattern.toLowerCase()}`] : []),
  ];
  if (asked.length > 0)
    overview.push([
      plain('With '),
      ...asked.flatMap((a, i) => [...(i > 0 ? [plain(' ')] : []), code(a)]),
    ]);
  if (result.skippedRules)
    overview.push([
      plain('⚠️ Skipped after an internal error: '),
      ...result.skippedRules.flatMap((id, i) => [...(i > 0 ? [plain(', ')] : []), code(id)]),
    ]);
  if (result.patterns.length > 0)
    overview.push([
      plain('Patterns: '),
      ...result.patterns.flatMap((p, i) => [...(i > 0 ? [plain(', ')] : []), code(p.pattern)]),
    ]);
  const blocks: ReplyBlock[] = [
    { kind: 'header', text: `podwire: manifest is ${result.valid ? 'valid ✅' : 'invalid ❌'}` },
    { kind: 'section', lines: overview },
  ];
  const total = result.findings.length + (result.truncated?.findings ?? 0);
  if (total === 0) return blocks;
  // Before the findings, not after: if Slack's limits cut the reply, this line still shows.
  blocks.push({ kind: 'context', lines: moreLines(ctx, result, total) });
  const index = new LineIndex(command.manifest);
  // Errors first, then warnings and infos, each in the order of the manifest (the engine's).
  const ranked = result.findings
    .map((finding, i) => ({ finding, i }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] || a.i - b.i,
    )
    .map(({ finding }) => finding);
  ranked.slice(0, MAX_FINDINGS_SHOWN).forEach((finding, i) => {
    blocks.push(...findingBlocks(command.manifest, index, finding, i + 1));
  });
  return blocks;
}

function moreLines(ctx: AnswerContext, result: ValidationResult, total: number): Line[] {
  const shown = Math.min(result.findings.length, MAX_FINDINGS_SHOWN);
  const safe = result.findings.filter((f) => f.fix?.safety === 'safe').length;
  const lines: Line[] = [
    [
      plain(
        total > shown
          ? `The first ${shown} of ${plural(total, 'finding')} below, errors first (${total - shown} more).`
          : `${plural(total, 'finding')} below.`,
      ),
    ],
  ];
  if (safe > 0)
    lines.push([
      plain(`${plural(safe, 'safe fix', 'safe fixes')} in all: `),
      link('POST /v1/manifests/fix', apiUrl(ctx, '/v1/manifests/fix')),
      plain(' or '),
      code('podwire validate --fix'),
      plain(' applies them (suggestions too with '),
      code('?apply=all'),
      plain(' / '),
      code('--apply all'),
      plain(').'),
    ]);
  return lines;
}

function objectName(finding: Finding): string | undefined {
  const { kind, namespace, name } = finding.object;
  if (!kind) return undefined;
  return [kind, namespace, name].filter((part) => part !== undefined).join('/');
}

/**
 * A finding as `line:column severity ruleId`, its message and, with a fix, the fix and its first
 * edit. Everything taken from the manifest or the engine's messages (which quote it) is a code
 * span or block: names in a manifest can be `*bold*`, `<!channel>` or `@here`.
 */
function findingBlocks(text: string, index: LineIndex, finding: Finding, n: number): ReplyBlock[] {
  const where = objectName(finding);
  const lines: Line[] = [
    [
      code(`${finding.range.line}:${finding.range.column}`),
      plain(' '),
      bold(finding.severity),
      plain(' '),
      code(finding.ruleId),
      ...(where ? [plain(' · '), code(clip(where, 120))] : []),
    ],
    [code(clip(finding.message, 400))],
  ];
  const fix = finding.fix;
  const first = fix?.edits[0];
  if (!fix || !first) return [{ kind: 'section', id: `finding:${n}:${finding.ruleId}`, lines }];
  lines.push([
    plain('Fix ('),
    bold(fix.safety),
    plain(fix.edits.length > 1 ? `, first of ${fix.edits.length} edits): ` : '): '),
    code(clip(fix.description, 240)),
  ]);
  const preview = previewEdit(text, index, first);
  if (preview.kind === 'replace') {
    lines.push([
      plain(`At ${first.range.line}:${first.range.column}, replace with `),
      code(clip(preview.newText, 200) || '(nothing)'),
    ]);
    return [{ kind: 'section', id: `finding:${n}:${finding.ruleId}`, lines }];
  }
  return [
    { kind: 'section', id: `finding:${n}:${finding.ruleId}`, lines },
    { kind: 'code', text: preview.text, language: 'diff' },
  ];
}
