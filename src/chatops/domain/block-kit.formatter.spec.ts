import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_KIT_LIMITS, blockKitProblems } from './block-kit-limits.js';
import { escapeMrkdwn, mrkdwnSpan, toBlockKit } from './block-kit.formatter.js';
import {
  bold,
  code,
  link,
  plain,
  type Line,
  type Reply,
  type ReplyBlock,
  type Span,
} from './reply.js';

const reply = (blocks: ReplyBlock[], visibility: Reply['visibility'] = 'ephemeral'): Reply => ({
  visibility,
  summary: 'summary',
  blocks,
});

/** Every mrkdwn text must be "balanced": no raw `<`, `>` or `&` outside entities and links. */
function wellFormed(mrkdwn: string): boolean {
  const withoutLinks = mrkdwn.replace(/<https?:\/\/[^<>|\s]+\|[^<>]*>/g, '');
  return !/[<>]/.test(withoutLinks) && !/&(?!amp;|lt;|gt;)/.test(withoutLinks);
}

function texts(message: ReturnType<typeof toBlockKit>): string[] {
  return message.blocks.flatMap((b) =>
    b.type === 'section'
      ? [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)].filter((t) => t !== '')
      : b.type === 'context'
        ? b.elements.map((e) => e.text)
        : [],
  );
}

describe('Block Kit formatter', () => {
  it('renders spans as Slack mrkdwn, escaping &, < and >', () => {
    expect(mrkdwnSpan(bold('shared-volume-disk'))).toBe('*shared-volume-disk*');
    expect(mrkdwnSpan(code('a<b>&c'))).toBe('`a&lt;b&gt;&amp;c`');
    expect(mrkdwnSpan(plain('<!channel> & <@U123>'))).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt;');
    expect(mrkdwnSpan(link('GET a|b', 'https://x.example/v1?a=1&b=2'))).toBe(
      '<https://x.example/v1?a=1&amp;b=2|GET a¦b>',
    );
    expect(escapeMrkdwn('a&b')).toBe('a&amp;b');
  });

  it('never turns a non-http URL into a link', () => {
    expect(mrkdwnSpan(link('click', 'javascript:alert(1)'))).toBe('click');
    expect(mrkdwnSpan(link('x', 'slack://open'))).toBe('x');
  });

  it('keeps bold and code markers off surrounding whitespace and never nests backticks', () => {
    expect(mrkdwnSpan(bold(' x '))).toBe(' *x* ');
    expect(mrkdwnSpan(code('a`b'))).toBe('`aˋb`');
    expect(mrkdwnSpan(bold('   '))).toBe('   ');
  });

  it('builds header, sections, fields, context and divider blocks with a plain fallback', () => {
    const message = toBlockKit(
      reply(
        [
          { kind: 'header', text: 'Title' },
          { kind: 'section', id: 'one', lines: [[bold('a')], [plain('b')]] },
          { kind: 'fields', fields: [{ label: 'security 4/5', value: [plain('why')] }] },
          { kind: 'divider' },
          { kind: 'context', lines: [[plain('small')]] },
        ],
        'in_channel',
      ),
    );
    expect(message).toEqual({
      response_type: 'in_channel',
      text: 'summary',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Title', emoji: true } },
        { type: 'section', block_id: 'one', text: { type: 'mrkdwn', text: '*a*\nb' } },
        { type: 'section', fields: [{ type: 'mrkdwn', text: '*security 4/5*\nwhy' }] },
        { type: 'divider' },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'small' }] },
      ],
    });
  });

  it('splits long sections at line boundaries and keeps block ids unique', () => {
    const lines: Line[] = Array.from({ length: 100 }, (_, i) => [
      plain(`line ${i} `.padEnd(80, 'x')),
    ]);
    const message = toBlockKit(reply([{ kind: 'section', id: 'list', lines }]));
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.blocks.length).toBeGreaterThan(2);
    const joined = texts(message).join('\n');
    expect(joined.split('\n')).toHaveLength(100);
    expect(message.blocks.map((b) => (b as { block_id?: string }).block_id)).toEqual(
      ['list', 'list-2', 'list-3'].slice(0, message.blocks.length),
    );
  });

  it('cuts an over-long line without breaking an entity or a surrogate pair', () => {
    const long = '&<>😀'.repeat(2000);
    const message = toBlockKit(reply([{ kind: 'section', lines: [[plain(long)]] }]));
    expect(blockKitProblems(message)).toEqual([]);
    const text = (message.blocks[0] as { text: { text: string } }).text.text;
    expect(text.endsWith('…')).toBe(true);
    expect(wellFormed(text)).toBe(true);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('drops blocks beyond 50 and adds a note saying so', () => {
    const blocks: ReplyBlock[] = Array.from({ length: 80 }, (_, i) => ({
      kind: 'section',
      lines: [[plain(`block ${i}`)]],
    }));
    const message = toBlockKit(reply(blocks));
    expect(message.blocks).toHaveLength(BLOCK_KIT_LIMITS.blocks);
    expect(message.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: "_Shortened to fit Slack's message limits._" }],
    });
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('splits more than ten fields over several sections', () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({
      label: `f${i}`,
      value: [plain('v'.repeat(3000))] as Line,
    }));
    const message = toBlockKit(reply([{ kind: 'fields', fields }]));
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('stays within every limit for any reply (property)', () => {
    const span: fc.Arbitrary<Span> = fc
      .record({
        text: fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.constantFrom('<!channel>', '&amp;', '`', '*', '|', '>'),
        ),
        style: fc.constantFrom(undefined, 'bold', 'code', 'italic'),
        url: fc.constantFrom(
          undefined,
          'https://podwire.example.com/v1/x?a=1&b=<2>',
          'javascript:x',
        ),
      })
      .map(
        (s) =>
          Object.fromEntries(
            Object.entries(s).filter(([, v]) => v !== undefined),
          ) as unknown as Span,
      );
    const line = fc.array(span, { minLength: 0, maxLength: 8 });
    const lines = fc.array(line, { maxLength: 40 });
    const block: fc.Arbitrary<ReplyBlock> = fc.oneof(
      fc.record({ kind: fc.constant('header' as const), text: fc.string({ maxLength: 400 }) }),
      fc.record({
        kind: fc.constant('section' as const),
        lines,
        id: fc.constantFrom('a', 'b', 'x'.repeat(300)),
      }),
      fc.record({ kind: fc.constant('context' as const), lines }),
      fc.record({
        kind: fc.constant('fields' as const),
        fields: fc.array(fc.record({ label: fc.string({ maxLength: 200 }), value: line }), {
          maxLength: 25,
        }),
      }),
      fc.constant({ kind: 'divider' as const }),
    );
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 70 }),
        fc.string({ maxLength: 5000 }),
        (blocks, summary) => {
          const message = toBlockKit({ visibility: 'ephemeral', summary, blocks });
          expect(blockKitProblems(message)).toEqual([]);
          for (const t of texts(message)) expect(wellFormed(t)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
