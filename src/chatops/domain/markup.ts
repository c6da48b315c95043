import type { Line, Span } from './reply.js';

/**
 * Length-bounded rendering shared by both formatters. Limits are counted in UTF-16 units
 * (String#length), which is never less than what Slack or Mattermost count, and cuts happen on
 * spans before escaping: a cut can never split an entity (`&amp;`), a link (`<url|label>`), a
 * code span or a surrogate pair.
 */

export type SpanRenderer = (span: Span) => string;

/** At most `max` UTF-16 units, ending with "…" when cut, never splitting a surrogate pair. */
export function clipUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/** Renders a line within `max` units; a span that does not fit is shortened (and loses its link). */
export function renderLine(line: Line, render: SpanRenderer, max: number): string {
  let out = '';
  for (const span of line) {
    const full = render(span);
    if (out.length + full.length <= max) {
      out += full;
      continue;
    }
    return out + cutSpan(span, render, max - out.length);
  }
  return out;
}

function cutSpan(span: Span, render: SpanRenderer, room: number): string {
  if (room <= 0) return '';
  const base: Span = span.style ? { text: span.text, style: span.style } : { text: span.text };
  const chars = Array.from(base.text);
  const attempt = (n: number) =>
    render({ ...base, text: `${chars.slice(0, n).join('').trimEnd()}…` });
  // Rendered length grows with n (escaping only lengthens), so binary-search the longest prefix
  // that fits: a few renders, not one per character, whatever a user pastes.
  let lo = 0;
  let hi = Math.min(chars.length, room);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (attempt(mid).length <= room) lo = mid;
    else hi = mid - 1;
  }
  if (lo > 0) return attempt(lo);
  return room >= 1 ? '…' : '';
}

/** Groups rendered lines into chunks of at most `max` units joined by newlines. */
export function packLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    if (line === '') continue;
    const next = current === '' ? line : `${current}\n${line}`;
    if (next.length <= max) {
      current = next;
      continue;
    }
    if (current !== '') chunks.push(current);
    current = line.length <= max ? line : clipUnits(line, max);
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/** Only absolute http(s) URLs become links; anything else is shown as text. */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
