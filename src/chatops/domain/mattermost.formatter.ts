import { clipUnits, packLines, renderLine, safeUrl } from './markup.js';
import type { Line, Reply, Span, Visibility } from './reply.js';

/**
 * Reply → Mattermost slash-command response. Mattermost speaks Markdown: bold is `**bold**`
 * (Slack's `*bold*` is italic there), links are `[label](url)`.
 */

export interface MattermostResponse {
  response_type: Visibility;
  text: string;
  /** Our text is Markdown already; Slack-style `<…>` translation must not touch it. */
  skip_slack_parsing: true;
}

/** Mattermost refuses posts above 16,383 characters; stay below with room for the notice. */
export const MATTERMOST_MAX_TEXT = 16_000;
const NOTICE = '_Shortened to fit the message size limit._';

/**
 * Backslash-escapes the characters that start inline markup in Mattermost's Markdown (a subset of
 * the ones its parser accepts escaped, so the backslashes never show).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]~|]/g, (c) => `\\${c}`);
}

export function markdownSpan(span: Span): string {
  const url = safeUrl(span.url);
  if (url)
    return `[${escapeMarkdown(span.text) || escapeMarkdown(url)}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20')})`;
  const text = span.text;
  switch (span.style) {
    case 'bold':
      return wrap('**', escapeMarkdown(text.trim()), text);
    case 'italic':
      return wrap('_', escapeMarkdown(text.trim()), text);
    case 'code':
      // Code spans show their content literally (no mentions, no markup); only backticks matter.
      return wrap('`', text.trim().replace(/`/g, 'ˋ'), text);
    default:
      return escapeMarkdown(text);
  }
}

function wrap(marker: string, inner: string, original: string): string {
  if (inner === '') return escapeMarkdown(original);
  const lead = /^\s*/.exec(original)![0];
  const trail = /\s*$/.exec(original)![0];
  return `${lead}${marker}${inner}${marker}${trail}`;
}

const LINE_MAX = 4000;

export function toMattermost(reply: Reply): MattermostResponse {
  const render = (lines: readonly Line[]) =>
    packLines(
      lines.map((l) => renderLine(l, markdownSpan, LINE_MAX)),
      MATTERMOST_MAX_TEXT,
    );
  const parts: string[] = [];
  for (const block of reply.blocks) {
    switch (block.kind) {
      case 'header':
        if (block.text.trim() !== '')
          parts.push(markdownSpan({ text: clipUnits(block.text, 200), style: 'bold' }));
        break;
      case 'section':
        parts.push(...render(block.lines));
        break;
      case 'fields':
        parts.push(
          ...render(
            block.fields.map(
              (f) => [{ text: `${f.label}:`, style: 'bold' }, { text: ' ' }, ...f.value] as Line,
            ),
          ),
        );
        break;
      case 'context':
        parts.push(...render(block.lines));
        break;
      case 'code': {
        const text = codeFence(block.text, block.language);
        if (text !== '') parts.push(text);
        break;
      }
      case 'divider':
        parts.push('---');
        break;
    }
  }
  return {
    response_type: reply.visibility,
    text: fit(parts, reply.summary),
    skip_slack_parsing: true,
  };
}

/**
 * A fenced block: Mattermost shows its content verbatim (no markup, no mentions). Backticks become
 * a look-alike so the text cannot close the fence early.
 */
export function codeFence(text: string, language?: string): string {
  const body = clipUnits(text.trimEnd().replace(/`/g, 'ˋ'), LINE_MAX);
  return body.trim() === '' ? '' : `\`\`\`${language ?? ''}\n${body}\n\`\`\``;
}

function fit(parts: string[], summary: string): string {
  let text = '';
  for (const part of parts) {
    const next = text === '' ? part : `${text}\n\n${part}`;
    if (next.length > MATTERMOST_MAX_TEXT - NOTICE.length - 2) return `${text}\n\n${NOTICE}`;
    text = next;
  }
  return text === '' ? escapeMarkdown(summary || 'podwire') : text;
}
