/**
 * A platform-neutral chat reply. Answers are built once as data; the Slack (Block Kit) and
 * Mattermost (Markdown) formatters each render and escape it their own way, so text typed by a
 * user can never turn into markup, links or mentions on either platform.
 */

export interface Span {
  readonly text: string;
  /** `code` is also how anything a user typed is echoed: mentions and markup are inert there. */
  readonly style?: 'bold' | 'code' | 'italic';
  readonly url?: string;
}

export type Line = readonly Span[];

export type ReplyBlock =
  | { readonly kind: 'header'; readonly text: string }
  | { readonly kind: 'section'; readonly lines: readonly Line[]; readonly id?: string }
  | {
      readonly kind: 'fields';
      readonly fields: ReadonlyArray<{ readonly label: string; readonly value: Line }>;
    }
  | { readonly kind: 'context'; readonly lines: readonly Line[] }
  /**
   * Preformatted lines shown verbatim (a diff of a fix): like a code span, nothing in it becomes
   * markup, a link or a mention, so it may hold text a user typed. Keep it short: it is never
   * split across messages or sections, only cut.
   */
  | { readonly kind: 'code'; readonly text: string; readonly language?: 'diff' }
  | { readonly kind: 'divider' };

export type Visibility = 'ephemeral' | 'in_channel';

export interface Reply {
  /** Errors stay private even with `--share`: a typo is nobody else's business. */
  readonly visibility: Visibility;
  /** Plain-text summary: notification fallback on Slack, first line on Mattermost. */
  readonly summary: string;
  readonly blocks: readonly ReplyBlock[];
}

export const plain = (text: string): Span => ({ text });
export const bold = (text: string): Span => ({ text, style: 'bold' });
export const code = (text: string): Span => ({ text, style: 'code' });
export const italic = (text: string): Span => ({ text, style: 'italic' });
export const link = (text: string, url: string): Span => ({ text, url });

/** The plain text of a line (for summaries and tests). */
export function lineText(line: Line): string {
  return line.map((s) => s.text).join('');
}

/** Cuts text to at most `max` code points, ending with "…" when cut (never splits a surrogate pair). */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`;
}
