import { describe, expect, it } from 'vitest';
import {
  escapeMarkdown,
  markdownSpan,
  MATTERMOST_MAX_TEXT,
  toMattermost,
} from './mattermost.formatter.js';
import { bold, code, italic, link, plain, type ReplyBlock } from './reply.js';

describe('Mattermost formatter', () => {
  it('uses **bold** (Mattermost reads *x* as italics), `code`, _italic_ and [label](url)', () => {
    expect(markdownSpan(bold('shared-volume-disk'))).toBe('**shared-volume-disk**');
    expect(markdownSpan(code('pod/port-conflict'))).toBe('`pod/port-conflict`');
    expect(markdownSpan(italic('Example:'))).toBe('_Example:_');
    expect(markdownSpan(link('GET /v1/x', 'https://p.example/v1/x?a=(1)'))).toBe(
      '[GET /v1/x](https://p.example/v1/x?a=%281%29)',
    );
  });

  it('escapes inline markup in plain text and keeps code spans literal', () => {
    expect(escapeMarkdown('a*b_c`d[e]f~g|h\\i')).toBe('a\\*b\\_c\\`d\\[e\\]f\\~g\\|h\\\\i');
    expect(markdownSpan(plain('**not bold**'))).toBe('\\*\\*not bold\\*\\*');
    expect(markdownSpan(code('@channel `x`'))).toBe('`@channel ˋxˋ`');
    expect(markdownSpan(link('x', 'javascript:alert(1)'))).toBe('x');
  });

  it('renders blocks as paragraphs with the visibility and Slack parsing switched off', () => {
    const blocks: ReplyBlock[] = [
      { kind: 'header', text: 'Title' },
      { kind: 'section', lines: [[bold('a'), plain(' b')], [plain('c')]] },
      { kind: 'fields', fields: [{ label: 'security 4/5', value: [plain('why')] }] },
      { kind: 'divider' },
      { kind: 'context', lines: [[link('JSON', 'https://p.example/v1')]] },
    ];
    expect(toMattermost({ visibility: 'in_channel', summary: 's', blocks })).toEqual({
      response_type: 'in_channel',
      skip_slack_parsing: true,
      text: '**Title**\n\n**a** b\nc\n\n**security 4/5:** why\n\n---\n\n[JSON](https://p.example/v1)',
    });
  });

  it('stays below the post size limit, noting the cut', () => {
    const blocks: ReplyBlock[] = Array.from({ length: 40 }, (_, i) => ({
      kind: 'section',
      lines: [[plain(`${i} `.padEnd(1000, 'x'))]],
    }));
    const { text } = toMattermost({ visibility: 'ephemeral', summary: 's', blocks });
    expect(text.length).toBeLessThanOrEqual(MATTERMOST_MAX_TEXT);
    expect(text.endsWith('_Shortened to fit the message size limit._')).toBe(true);
  });

  it('falls back to the summary for an empty reply', () => {
    expect(
      toMattermost({ visibility: 'ephemeral', summary: 'nothing *here*', blocks: [] }).text,
    ).toBe('nothing \\*here\\*');
  });
});
