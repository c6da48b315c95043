import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitProblems, type SlackMessage } from '../src/chatops/domain/block-kit-limits.js';
import { HOSTILE_MANIFEST, TYPO_MANIFEST } from '../src/chatops/domain/validate-fixtures.js';
import { createTestApp, type TestApp } from './helpers/app.js';

const SECRET = 'e2e-validate-slack-secret';
const TOKEN = 'e2e-validate-mattermost-token';
const BASE = 'https://podwire.example.com';

/** Slack escapes `&`, `<` and `>` in the text it sends; so does this helper. */
const slackEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function slackForm(text: string): string {
  return new URLSearchParams({
    team_id: 'T0001',
    channel_id: 'C2147483705',
    user_id: 'U2147483697',
    command: '/podwire',
    text,
    response_url: 'https://hooks.slack.com/commands/1234/5678',
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
    api_app_id: 'A123456',
  }).toString();
}

/** Signed like Slack signs, independently of the code under test. */
function signed(body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const hex = createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': `v0=${hex}` };
}

function mattermostForm(text: string): string {
  return new URLSearchParams({
    channel_id: '6bg8s6fstjgcjr7zqkbfcqxycr',
    command: '/podwire',
    team_id: 'rdc9bgriktyx9p4kowh3dmgqyc',
    text,
    token: TOKEN,
    user_id: 'rnpracdmpjgd7kh9ttb6s8xx8w',
  }).toString();
}

const texts = (m: SlackMessage) =>
  m.blocks.flatMap((b) =>
    b.type === 'section'
      ? [b.text?.text ?? '']
      : b.type === 'context'
        ? b.elements.map((e) => e.text)
        : b.type === 'header'
          ? [b.text.text]
          : [],
  );

describe('chat validate over HTTP', () => {
  let t: TestApp;
  const slack = (text: string) => {
    const body = slackForm(text);
    return t.http.post('/v1/chatops/slack').type('form').set(signed(body)).send(body);
  };
  const mattermost = (text: string) =>
    t.http.post('/v1/chatops/mattermost').type('form').send(mattermostForm(text));

  async function counted(platform: string): Promise<number> {
    const res = await t.http.get('/metrics');
    const line = res.text
      .split('\n')
      .find((l) =>
        l.startsWith(`podwire_chatops_commands_total{platform="${platform}",command="validate"}`),
      );
    return Number(line?.split(' ').pop());
  }

  beforeAll(async () => {
    t = await createTestApp({
      SLACK_SIGNING_SECRET: SECRET,
      MATTERMOST_TOKEN: TOKEN,
      PUBLIC_BASE_URL: BASE,
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('Slack: a fenced, escaped paste comes back with the error first and its fix as a diff', async () => {
    const before = await counted('slack');
    const res = await slack(slackEscape(`validate \`\`\`yaml\n${HOSTILE_MANIFEST}\`\`\` --share`));
    expect(res.status).toBe(200);
    const message = res.body as SlackMessage;
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.response_type).toBe('in_channel');
    expect(message.text).toMatch(/^podwire: manifest invalid: 2 errors, /);
    const all = texts(message);
    expect(all[0]).toBe('podwire: manifest is invalid ❌');
    // Decoded before validating (else `&gt;` would be in the diff twice over: `&amp;gt;`), and
    // escaped again on the way out: the comment's `<!channel>` is text, never a mention.
    expect(all).toContain(
      '```\n-      targetPort: htpp # &lt;!channel&gt; @here *bold* ˋtickˋ ]]&gt;\n+      targetPort: http # &lt;!channel&gt; @here *bold* ˋtickˋ ]]&gt;\n```',
    );
    expect(all.join('\n')).toContain(
      `<${BASE}/v1/manifests/fix|POST /v1/manifests/fix> or \`podwire validate --fix\``,
    );
    expect(await counted('slack')).toBe(before + 1);
  });

  it('Slack: the fix it shows is the one POST /v1/manifests/fix applies', async () => {
    const res = await slack(`validate\n${TYPO_MANIFEST}`);
    expect(texts(res.body as SlackMessage).join('\n')).toContain('+      targetPort: http #');
    const fixed = await t.http
      .post('/v1/manifests/fix')
      .type('application/yaml')
      .send(TYPO_MANIFEST);
    expect(fixed.status).toBe(200);
    expect(fixed.text).toContain('      targetPort: http # ');
  });

  it('Mattermost: a multi-line paste gets findings and the fix as a diff block', async () => {
    const before = await counted('mattermost');
    const res = await mattermost(`validate\n${TYPO_MANIFEST}`);
    expect(res.status).toBe(200);
    expect(res.body.response_type).toBe('ephemeral');
    expect(res.body.skip_slack_parsing).toBe(true);
    const text: string = res.body.text;
    expect(text.startsWith('**podwire: manifest is invalid ❌**')).toBe(true);
    expect(text).toContain('`30:19` **error** `service/target-port-unresolved` · `Service/web`');
    expect(text).toContain('Fix (**safe**): `Change targetPort "htpp" to "http"');
    expect(text).toContain('```diff\n-      targetPort: htpp # <!channel>');
    expect(await counted('mattermost')).toBe(before + 1);
  });

  it('answers an unknown kubernetesVersion, an empty paste and an oversized one privately', async () => {
    const version = await mattermost(`validate kubernetesVersion=2.0\n${TYPO_MANIFEST} --share`);
    expect(version.status).toBe(200);
    expect(version.body.response_type).toBe('ephemeral');
    expect(version.body.text).toMatch(
      /^\*\*Cannot validate that manifest\*\*\n\n`kubernetesVersion`: /,
    );

    const empty = await slack('validate ```yaml\n```');
    expect(empty.status).toBe(200);
    expect((empty.body as SlackMessage).response_type).toBe('ephemeral');
    expect(texts(empty.body as SlackMessage)[0]).toBe('Paste a manifest to validate');

    const big = `validate\n${`# ${'x'.repeat(1000)}\n`.repeat(70)}${TYPO_MANIFEST}`;
    const large = await slack(big);
    expect(large.status).toBe(200);
    const message = large.body as SlackMessage;
    expect(blockKitProblems(message)).toEqual([]);
    expect(texts(message)[0]).toBe('That manifest is too large for chat');
    expect(texts(message).join('\n')).toContain('chat validates up to 64 KiB');
  });
});
