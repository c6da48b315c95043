import {
  BLOCK_KIT_LIMITS as L,
  type SlackBlock,
  type SlackMessage,
  type SlackTextObject,
} from './block-kit-limits.js';
import { clipUnits, packLines, renderLine, safeUrl } from './markup.js';
import { lineText, type Line, type Reply, type Span } from './reply.js';

/**
 * Reply → Slack Block Kit message: header, mrkdwn sections, fields, context, dividers. Keeps to
 * Slack's limits (≤ 50 blocks, ≤ 3,000 characters per text, ≤ 10 fields of ≤ 2,000, an aggregate
 * budget), cutting at line boundaries first and adding a note when something was left out.
 */

/** Slack mrkdwn needs exactly these three escaped; everything else is literal. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function mrkdwnSpan(span: Span): string {
  const url = safeUrl(span.url);
  if (url)
    return `<${escapeMrkdwn(url)}|${escapeMrkdwn(span.text.replace(/\|/g, '¦')) || escapeMrkdwn(url)}>`;
  const text = span.text;
  switch (span.style) {
    case 'bold':
      return wrap('*', text.replace(/\*/g, '∗'));
    case 'italic':
      return wrap('_', text.replace(/_/g, ' '));
    case 'code':
      return wrap('`', text.replace(/`/g, 'ˋ'));
    default:
      return escapeMrkdwn(text);
  }
}

/** Slack ignores `*x *`-style markers with inner whitespace at the edges; keep it outside. */
function wrap(marker: string, text: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return m[2] === '' ? escapeMrkdwn(text) : `${m[1]}${marker}${escapeMrkdwn(m[2])}${marker}${m[3]}`;
}

const mrkdwn = (text: string): SlackTextObject => ({ type: 'mrkdwn', text });
const NOTICE = "_Shortened to fit Slack's message limits._";

export function toBlockKit(reply: Reply): SlackMessage {
  const candidates: SlackBlock[] = [];
  const usedIds = new Set<string>();
  const blockId = (id: string | undefined) => {
    if (id === undefined) return undefined;
    let candidate = id.slice(0, L.blockId - 4);
    for (let n = 2; usedIds.has(candidate); n++) candidate = `${id.slice(0, L.blockId - 4)}-${n}`;
    usedIds.add(candidate);
    return candidate;
  };
  const lines = (ls: readonly Line[], max: number) =>
    packLines(
      ls.map((l) => renderLine(l, mrkdwnSpan, max)),
      max,
    );

  for (const block of reply.blocks) {
    switch (block.kind) {
      case 'header': {
        const text = clipUnits(block.text.trim(), L.headerText);
        if (text !== '')
          candidates.push({ type: 'header', text: { type: 'plain_text', text, emoji: true } });
        break;
      }
      case 'section':
        for (const chunk of lines(block.lines, L.sectionText)) {
          const id = blockId(block.id);
          candidates.push(
            id === undefined
              ? { type: 'section', text: mrkdwn(chunk) }
              : { type: 'section', block_id: id, text: mrkdwn(chunk) },
          );
        }
        break;
      case 'fields': {
        const fields = block.fields
          .map((f) => {
            const label = `${mrkdwnSpan({ text: clipUnits(f.label, 100), style: 'bold' })}\n`;
            return mrkdwn(label + renderLine(f.value, mrkdwnSpan, L.fieldText - label.length));
          })
          .filter((f) => f.text.trim() !== '');
        for (let i = 0; i < fields.length; i += L.fields)
          candidates.push({ type: 'section', fields: fields.slice(i, i + L.fields) });
        break;
      }
      case 'context': {
        const elements = lines(block.lines, L.sectionText).slice(0, L.contextElements).map(mrkdwn);
        if (elements.length > 0) candidates.push({ type: 'context', elements });
        break;
      }
      case 'code': {
        const text = codeBlock(block.text, L.sectionText);
        if (text !== '') candidates.push({ type: 'section', text: mrkdwn(text) });
        break;
      }
      case 'divider':
        candidates.push({ type: 'divider' });
        break;
    }
  }

  return { response_type: reply.visibility, text: fallback(reply), blocks: fit(candidates) };
}

/**
 * A ``` block within `max` units. Slack parses no markup inside one, but `&`, `<` and `>` stay
 * control characters there (escaped), and a backtick could close it (a look-alike instead). Cut
 * character by character after escaping, so an entity is never split.
 */
export function codeBlock(text: string, max: number): string {
  const room = max - 8;
  let body = '';
  for (const ch of text.trimEnd()) {
    const piece = escapeMrkdwn(ch === '`' ? 'ˋ' : ch);
    if (body.length + piece.length > room - 1) {
      body += '…';
      break;
    }
    body += piece;
  }
  return body.trim() === '' ? '' : `\`\`\`\n${body}\n\`\`\``;
}

/** Keeps whole blocks while both the block count and the aggregate text budget allow. */
function fit(candidates: SlackBlock[]): SlackBlock[] {
  const budget = L.totalText - NOTICE.length;
  const out: SlackBlock[] = [];
  let total = 0;
  for (const [i, block] of candidates.entries()) {
    const size = textSize(block);
    const roomForNotice = i < candidates.length - 1 ? 1 : 0;
    if (out.length + 1 + roomForNotice > L.blocks || total + size > budget) {
      while (out.length > 0 && out[out.length - 1].type === 'divider') out.pop();
      out.push({ type: 'context', elements: [mrkdwn(NOTICE)] });
      return out;
    }
    out.push(block);
    total += size;
  }
  return out;
}

function textSize(block: SlackBlock): number {
  switch (block.type) {
    case 'header':
      return block.text.text.length;
    case 'section':
      return (
        (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((s, f) => s + f.text.length, 0)
      );
    case 'context':
      return block.elements.reduce((s, e) => s + e.text.length, 0);
    case 'divider':
      return 0;
  }
}

function fallback(reply: Reply): string {
  const firstLine = reply.blocks
    .flatMap((b) => (b.kind === 'section' ? b.lines.slice(0, 1) : []))
    .map(lineText)[0];
  const text = reply.summary.trim() || firstLine || 'podwire';
  return renderLine([{ text }], mrkdwnSpan, L.fallbackText);
}
