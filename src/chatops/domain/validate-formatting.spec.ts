import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/catalog.js';
import { rules } from '../../validation/rules/index.js';
import { answer } from './answer.js';
import { blockKitProblems, type SlackMessage } from './block-kit-limits.js';
import { codeBlock, toBlockKit } from './block-kit.formatter.js';
import { parseCommand } from './command.js';
import { codeFence, toMattermost } from './mattermost.formatter.js';
import { HOSTILE, HOSTILE_MANIFEST } from './validate-fixtures.js';

const ctx = {
  catalog: loadCatalog(),
  rules,
  publicBaseUrl: 'https://podwire.example.com',
  slash: '/podwire',
};
const reply = answer(parseCommand(`validate \`\`\`yaml\n${HOSTILE_MANIFEST}\`\`\` --share`), ctx);

/** What is left once code blocks and code spans are taken out: the only text markup can act on. */
function outsideCode(text: string): string {
  return text.replace(/```[^`]*```/g, '').replace(/`[^`\n]*`/g, '');
}

function slackTexts(message: SlackMessage): string[] {
  return message.blocks.flatMap((b) =>
    b.type === 'section'
      ? [b.text?.text ?? '']
      : b.type === 'context'
        ? b.elements.map((e) => e.text)
        : b.type === 'header'
          ? [b.text.text]
          : [],
  );
}

describe('validate replies on both platforms', () => {
  it('the manifest really does carry every hostile string into the reply', () => {
    // Otherwise the escaping checks below would pass for want of anything to escape.
    const raw = JSON.stringify(reply);
    for (const s of HOSTILE) expect(raw).toContain(s);
  });

  it('Slack: shows the fix as a code block, fits Block Kit, and keeps user text inert', () => {
    const message = toBlockKit(reply);
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.response_type).toBe('in_channel');
    const texts = slackTexts(message);
    expect(texts).toContain(
      '```\n-      targetPort: htpp # &lt;!channel&gt; @here *bold* ˋtickˋ ]]&gt;\n+      targetPort: http # &lt;!channel&gt; @here *bold* ˋtickˋ ]]&gt;\n```',
    );
    const all = texts.join('\n');
    // No control sequence at all: the only `<` is the link to the fix endpoint.
    expect(
      all.replace(/<https:\/\/podwire\.example\.com\/v1\/manifests\/fix\|[^>]*>/g, ''),
    ).not.toMatch(/[<>]/);
    for (const text of texts) {
      const rest = outsideCode(text);
      for (const s of ['!channel', '@here', 'bold*', 'tick', ']]']) expect(rest).not.toContain(s);
      // Every code span closes on its line: a user backtick became a look-alike.
      for (const line of text.replace(/```[^`]*```/g, '').split('\n'))
        expect((line.match(/`/g) ?? []).length % 2).toBe(0);
    }
  });

  it('Mattermost: shows the fix as a diff block and keeps user text inert', () => {
    const { text, response_type } = toMattermost(reply);
    expect(response_type).toBe('in_channel');
    expect(text).toContain(
      '```diff\n-      targetPort: htpp # <!channel> @here *bold* ˋtickˋ ]]>\n+      targetPort: http # <!channel> @here *bold* ˋtickˋ ]]>\n```',
    );
    expect(text).toContain('`30:19` **error** `service/target-port-unresolved`');
    const rest = outsideCode(text);
    for (const s of ['!channel', '@here', 'bold*', 'tick', ']]']) expect(rest).not.toContain(s);
    // Fences pair up: a user's backticks cannot open or close one.
    expect((text.match(/^```/gm) ?? []).length % 2).toBe(0);
  });

  it('code blocks stay within their limit, cutting after escaping so no entity is split', () => {
    const slack = codeBlock('&'.repeat(2000), 3000);
    expect(slack.length).toBeLessThanOrEqual(3000);
    expect(slack).toMatch(/^```\n(&amp;)+…\n```$/);
    expect(codeBlock(' \n ', 3000)).toBe('');
    const mattermost = codeFence('```\nx', 'diff');
    expect(mattermost).toBe('```diff\nˋˋˋ\nx\n```');
  });
});
