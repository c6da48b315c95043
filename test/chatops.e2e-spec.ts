import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitProblems, type SlackMessage } from '../src/chatops/domain/block-kit-limits.js';
import { PROFILE_FIELDS } from '../src/recommendation/domain/profile.js';
import { createTestApp, type TestApp } from './helpers/app.js';

const SECRET = 'e2e-slack-signing-secret';
const TOKEN = 'e2e-mattermost-token';
const BASE = 'https://podwire.example.com';
const ACCEPTANCE = 'recommend placement=same-pod interaction=file-exchange dataVolume=bulk';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** What Slack sends: every field of a real slash command, form-encoded. */
function slackForm(text: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: 'T0001',
    team_domain: 'example',
    channel_id: 'C2147483705',
    channel_name: 'platform',
    user_id: 'U2147483697',
    user_name: 'ada',
    command: '/podwire',
    text,
    response_url: 'https://hooks.slack.com/commands/1234/5678',
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
    api_app_id: 'A123456',
    ...extra,
  }).toString();
}

/** Signs like Slack does, computed here independently of the code under test. */
function signed(body: string, timestamp = nowSeconds(), secret = SECRET): Record<string, string> {
  const hex = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': `v0=${hex}` };
}

function mattermostForm(text: string, token = TOKEN, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    channel_id: '6bg8s6fstjgcjr7zqkbfcqxycr',
    channel_name: 'platform',
    command: '/podwire',
    response_url: 'https://mattermost.example.com/hooks/commands/4k7cjmsfapgq8x1yqoxw5r8nqc',
    team_domain: 'example',
    team_id: 'rdc9bgriktyx9p4kowh3dmgqyc',
    text,
    token,
    user_id: 'rnpracdmpjgd7kh9ttb6s8xx8w',
    user_name: 'ada',
    ...extra,
  }).toString();
}

const allText = (m: SlackMessage) =>
  m.blocks
    .flatMap((b) =>
      b.type === 'section'
        ? [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)]
        : b.type === 'context'
          ? b.elements.map((e) => e.text)
          : b.type === 'header'
            ? [b.text.text]
            : [],
    )
    .join('\n');

describe('chatops', () => {
  let t: TestApp;
  const slack = (body: string, headers: Record<string, string>) =>
    t.http.post('/v1/chatops/slack').type('form').set(headers).send(body);
  const mattermost = (body: string, headers: Record<string, string> = {}) =>
    t.http.post('/v1/chatops/mattermost').type('form').set(headers).send(body);

  /** Verified commands answered so far, from /metrics: proves whether anything was computed. */
  async function answered(): Promise<number> {
    const res = await t.http.get('/metrics');
    return res.text
      .split('\n')
      .filter((line) => line.startsWith('podwire_chatops_commands_total{'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
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

  describe('Slack', () => {
    it('answers a signed recommend with blocks naming shared-volume-disk first', async () => {
      const body = slackForm(ACCEPTANCE);
      const res = await slack(body, signed(body));
      expect(res.status).toBe(200);
      const message = res.body as SlackMessage;
      expect(blockKitProblems(message)).toEqual([]);
      expect(message.response_type).toBe('ephemeral');
      const options = message.blocks.filter(
        (b) => b.type === 'section' && b.block_id?.startsWith('option:'),
      );
      expect(options.map((b) => (b as { block_id: string }).block_id)).toEqual([
        'option:1:shared-volume-disk',
        'option:2:pod-localhost',
        'option:3:unix-socket',
      ]);
      const first = options[0] as { text: { text: string } };
      expect(first.text.text).toMatch(
        /^1\. \*shared-volume-disk\* — .* · score \d+(\.\d)? · recommended/,
      );
      // One line of reasons under each option, exclusions, and the fallback text.
      expect(first.text.text.split('\n')).toHaveLength(2);
      expect(allText(message)).toContain('*Excluded*');
      expect(allText(message)).toContain('`service-clusterip`');
      expect(message.text).toMatch(/^podwire recommends shared-volume-disk \(score /);
    });

    it('links to the same answer as GET /v1/recommendations, under PUBLIC_BASE_URL', async () => {
      const body = slackForm(ACCEPTANCE);
      const message = (await slack(body, signed(body))).body as SlackMessage;
      const match = /<(https:\/\/podwire\.example\.com\/v1\/recommendations\?[^|>]+)\|/.exec(
        allText(message),
      );
      expect(match).not.toBeNull();
      const url = new URL(match![1].replace(/&amp;/g, '&'));
      expect(url.origin).toBe(BASE);
      expect([...url.searchParams]).toEqual([
        ['placement', 'same-pod'],
        ['interaction', 'file-exchange'],
        ['dataVolume', 'bulk'],
      ]);
      const rest = await t.http.get(`${url.pathname}${url.search}`);
      expect(rest.status).toBe(200);
      const scores = (rest.body.options as Array<{ pattern: string; score: number }>).map(
        (o) => `${o.pattern} ${o.score}`,
      );
      const shown = message.blocks
        .filter((b) => b.type === 'section' && b.block_id?.startsWith('option:'))
        .map((b) =>
          /\*(\S+)\* — .* · score ([\d.]+)/.exec((b as { text: { text: string } }).text.text)!,
        )
        .map((m) => `${m[1]} ${m[2]}`);
      expect(shown).toEqual(scores);
    });

    it('refuses forged, stale, future, replayed-with-altered-body and unsigned requests with one opaque 401, computing nothing', async () => {
      const body = slackForm(ACCEPTANCE);
      const good = signed(body);
      const before = await answered();
      const attempts: Array<[string, string, Record<string, string>]> = [
        ['wrong signature', body, { ...good, 'X-Slack-Signature': `v0=${'0'.repeat(64)}` }],
        ['signed with another secret', body, signed(body, nowSeconds(), 'not-the-secret')],
        ['6 minutes old', body, signed(body, nowSeconds() - 360)],
        ['6 minutes ahead', body, signed(body, nowSeconds() + 360)],
        [
          'altered body, original signature',
          body.replace('dataVolume%3Dbulk', 'dataVolume%3Dsmall'),
          good,
        ],
        [
          'old signature on a new timestamp',
          body,
          { ...good, 'X-Slack-Request-Timestamp': String(nowSeconds() + 1) },
        ],
        ['no headers', body, {}],
        ['no signature', body, { 'X-Slack-Request-Timestamp': good['X-Slack-Request-Timestamp'] }],
        ['no timestamp', body, { 'X-Slack-Signature': good['X-Slack-Signature'] }],
        [
          'malformed signature',
          body,
          { ...good, 'X-Slack-Signature': good['X-Slack-Signature'].slice(3) },
        ],
      ];
      const bodies = new Set<string>();
      for (const [name, sent, headers] of attempts) {
        const res = await slack(sent, headers);
        expect(res.status, name).toBe(401);
        expect(res.headers['content-type'], name).toMatch(/^application\/problem\+json/);
        bodies.add(res.text);
      }
      // Identical answers: nothing tells an attacker which check failed.
      expect(bodies.size).toBe(1);
      expect(JSON.parse([...bodies][0])).toEqual({
        type: 'https://podwire.dev/problems/unauthorized',
        title: 'Unauthorized',
        status: 401,
        detail: 'The request could not be verified.',
        instance: '/v1/chatops/slack',
      });
      expect(await answered()).toBe(before);
      // …while the same request correctly signed is answered (and counted).
      expect((await slack(body, good)).status).toBe(200);
      expect(await answered()).toBe(before + 1);
    });

    it('accepts a timestamp just inside the 5-minute window', async () => {
      const body = slackForm('help');
      expect((await slack(body, signed(body, nowSeconds() - 280))).status).toBe(200);
    });

    it('answers an unknown key with an ephemeral 200 listing the valid keys, even with --share', async () => {
      for (const text of ['recommend colour=blue', 'recommend colour=blue --share']) {
        const body = slackForm(text);
        const res = await slack(body, signed(body));
        expect(res.status).toBe(200);
        const message = res.body as SlackMessage;
        expect(blockKitProblems(message)).toEqual([]);
        expect(message.response_type).toBe('ephemeral');
        const text_ = allText(message);
        expect(text_).toContain('Unknown key `colour`');
        expect(text_).toContain('*Valid keys*');
        for (const field of PROFILE_FIELDS) expect(text_).toContain(`\`${field.name}\``);
        expect(text_).toContain('same-pod, separate-pods, either');
      }
    });

    it('names bad values with the allowed ones', async () => {
      const body = slackForm('recommend placement=far capabilities.mesh=consul');
      const message = (await slack(body, signed(body))).body as SlackMessage;
      expect(message.response_type).toBe('ephemeral');
      expect(allText(message)).toContain(
        '`placement=far`: placement must be one of the following values: same-pod, separate-pods, either',
      );
      expect(allText(message)).toContain(
        '`capabilities.mesh=consul`: capabilities.mesh must be one of the following values: none, istio, istio-ambient, linkerd',
      );
    });

    it('posts in the channel with a trailing --share', async () => {
      const body = slackForm(`${ACCEPTANCE} --share`);
      const message = (await slack(body, signed(body))).body as SlackMessage;
      expect(message.response_type).toBe('in_channel');
      expect(
        message.blocks.find((b) => b.type === 'section' && b.block_id?.startsWith('option:')),
      ).toMatchObject({ block_id: 'option:1:shared-volume-disk' });
    });

    it.each([
      ['help', /\/podwire recommend key=value/],
      ['', /\/podwire recommend key=value/],
      ['frobnicate now', /Unknown command `frobnicate`/],
      ['patterns', /\*service-clusterip\*/],
      ['pattern sidecar-proxy', /\*security \d\/5\*/],
      ['pattern nope', /There is no pattern `nope`/],
      ['rules', /`yaml\/syntax` error/],
      ['rules pod', /`pod\/port-conflict` error/],
      ['rules nope', /There is no rule scope `nope`/],
      ['rule pod/port-conflict', /\*pod\/port-conflict\* · error · pod/],
      ['rule pod/nope', /Did you mean: `pod\//],
      // The closest ids first (edit distance), not every pod/* rule alphabetically.
      [
        'rule pod/port-conflicts',
        /Did you mean: `pod\/port-conflict`, `pod\/port-name-conflict`$/m,
      ],
      [
        'recommend limit=10 security=zero-trust capabilities.mesh=istio capabilities.broker=true capabilities.rwxStorage=true',
        /^10\. \*/m,
      ],
    ])('answers %j within Block Kit limits', async (text, expected) => {
      const body = slackForm(text);
      const res = await slack(body, signed(body));
      expect(res.status).toBe(200);
      const message = res.body as SlackMessage;
      expect(blockKitProblems(message)).toEqual([]);
      expect(allText(message)).toMatch(expected);
    });

    it('echoes user input inertly (no mentions, no links)', async () => {
      const body = slackForm('recommend <!channel>=x <https://evil.example|click>');
      const message = (await slack(body, signed(body))).body as SlackMessage;
      const text = allText(message);
      expect(text).not.toContain('<!channel>');
      expect(text).toContain('&lt;!channel&gt;');
      expect(text).not.toContain('<https://evil');
    });

    it('answers pasted junk within limits and refuses text beyond 256 KiB', async () => {
      const junk = slackForm(
        `recommend ${Array.from({ length: 55 }, (_, i) => `k${i}&<>😀=${'&<'.repeat(25)}`).join(' ')}`,
      );
      const res = await slack(junk, signed(junk));
      expect(res.status).toBe(200);
      expect(blockKitProblems(res.body as SlackMessage)).toEqual([]);
      // The field holds a pasted manifest (validate answers above 64 KiB itself); beyond it, a 400.
      const tooLong = slackForm(`help ${'x'.repeat(256 * 1024)}`);
      const refused = await slack(tooLong, signed(tooLong));
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['text']);
    });

    it('answers ssl_check probes with 200 and computes nothing', async () => {
      const before = await answered();
      const res = await slack(
        new URLSearchParams({ ssl_check: '1', token: 'gIkuvaNzQIHg97ATvDxqgjtO' }).toString(),
        {},
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({});
      expect(await answered()).toBe(before);
    });

    it('ignores form fields Slack may add later', async () => {
      const body = slackForm('patterns', {
        is_enterprise_install: 'false',
        some_future_field: 'x',
      });
      expect((await slack(body, signed(body))).status).toBe(200);
    });

    it('rejects a signed but malformed form with 400 naming the field', async () => {
      const body = `${slackForm('help')}&text=again`;
      const res = await slack(body, signed(body));
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('text');
    });

    it('refuses other media types with 415', async () => {
      const res = await t.http
        .post('/v1/chatops/slack')
        .set(signed('{}'))
        .set('Content-Type', 'application/json')
        .send('{}');
      expect(res.status).toBe(415);
    });
  });

  describe('Mattermost', () => {
    it('answers a recommend with Mattermost Markdown', async () => {
      const res = await mattermost(mattermostForm(ACCEPTANCE));
      expect(res.status).toBe(200);
      expect(res.body.response_type).toBe('ephemeral');
      expect(res.body.skip_slack_parsing).toBe(true);
      const text = res.body.text as string;
      expect(text).toMatch(/^\*\*podwire recommendation\*\*/);
      expect(text).toMatch(/^1\. \*\*shared-volume-disk\*\* — /m);
      expect(text).not.toMatch(/(^|[^*])\*shared-volume-disk\*([^*]|$)/);
      expect(text).toContain(
        `[GET /v1/recommendations](${BASE}/v1/recommendations?placement=same-pod&interaction=file-exchange&dataVolume=bulk)`,
      );
    });

    it('accepts the token from the Authorization header when the field is absent', async () => {
      const body = new URLSearchParams({
        command: '/podwire',
        text: 'patterns --share',
      }).toString();
      const res = await mattermost(body, { Authorization: `Token ${TOKEN}` });
      expect(res.status).toBe(200);
      expect(res.body.response_type).toBe('in_channel');
    });

    it('answers an unknown key privately, listing the valid keys', async () => {
      const res = await mattermost(mattermostForm('recommend colour=blue --share'));
      expect(res.status).toBe(200);
      expect(res.body.response_type).toBe('ephemeral');
      expect(res.body.text).toContain('Unknown key `colour`');
      for (const field of PROFILE_FIELDS) expect(res.body.text).toContain(`\`${field.name}\``);
    });

    it('refuses a wrong or missing token with the same 401, computing nothing', async () => {
      const before = await answered();
      const attempts = [
        mattermostForm(ACCEPTANCE, 'wrong-token'),
        mattermostForm(ACCEPTANCE, `${TOKEN}x`),
        mattermostForm(ACCEPTANCE, ''),
        new URLSearchParams({ text: ACCEPTANCE }).toString(),
      ];
      const bodies = new Set<string>();
      for (const body of attempts) {
        const res = await mattermost(body);
        expect(res.status).toBe(401);
        bodies.add(res.text);
      }
      expect(bodies.size).toBe(1);
      expect(JSON.parse([...bodies][0]).detail).toBe('The request could not be verified.');
      expect((await mattermost(attempts[0], { Authorization: 'Token wrong' })).status).toBe(401);
      expect(await answered()).toBe(before);
    });

    it('rejects a malformed form with 400 and other media types with 415', async () => {
      const bad = await mattermost(`${mattermostForm('help')}&text=again`);
      expect(bad.status).toBe(400);
      const json = await t.http.post('/v1/chatops/mattermost').send({ token: TOKEN, text: 'help' });
      expect(json.status).toBe(415);
    });
  });

  describe('configuration', () => {
    it('is off (404, like an unknown route) unless the secret or token is configured', async () => {
      const off = await createTestApp();
      try {
        const body = slackForm('help');
        const s = await off.http
          .post('/v1/chatops/slack')
          .type('form')
          .set(signed(body))
          .send(body);
        expect(s.status).toBe(404);
        expect(s.body.detail).toBe('No route matches POST /v1/chatops/slack.');
        const m = await off.http
          .post('/v1/chatops/mattermost')
          .type('form')
          .send(mattermostForm('help'));
        expect(m.status).toBe(404);
        expect(m.body.detail).toBe('No route matches POST /v1/chatops/mattermost.');
      } finally {
        await off.app.close();
      }
    });

    it('needs no API key even when API keys are configured', async () => {
      const keyed = await createTestApp({
        SLACK_SIGNING_SECRET: SECRET,
        MATTERMOST_TOKEN: TOKEN,
        API_KEYS: 'k1-secret',
      });
      try {
        const body = slackForm('help');
        expect(
          (await keyed.http.post('/v1/chatops/slack').type('form').set(signed(body)).send(body))
            .status,
        ).toBe(200);
        expect(
          (
            await keyed.http
              .post('/v1/chatops/mattermost')
              .type('form')
              .send(mattermostForm('help'))
          ).status,
        ).toBe(200);
        expect((await keyed.http.get('/v1/patterns')).status).toBe(401);
      } finally {
        await keyed.app.close();
      }
    });

    it('is rate limited like every /v1 route', async () => {
      let limited = await createTestApp({
        SLACK_SIGNING_SECRET: SECRET,
        MATTERMOST_TOKEN: TOKEN,
        RATE_LIMIT_PER_MINUTE: '1',
      });
      try {
        const body = slackForm('help');
        expect(
          (await limited.http.post('/v1/chatops/slack').type('form').set(signed(body)).send(body))
            .status,
        ).toBe(200);
        const slackLimited = await limited.http
          .post('/v1/chatops/slack')
          .type('form')
          .set(signed(body))
          .send(body);
        expect(slackLimited.status).toBe(429);
        expect(slackLimited.headers['retry-after']).toBeDefined();
        // One budget per client address, whatever the route.
        const mm = (app: TestApp) =>
          app.http.post('/v1/chatops/mattermost').type('form').send(mattermostForm('help'));
        expect((await mm(limited)).status).toBe(429);
        await limited.app.close();
        limited = await createTestApp({ MATTERMOST_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: '1' });
        expect((await mm(limited)).status).toBe(200);
        expect((await mm(limited)).status).toBe(429);
      } finally {
        await limited.app.close();
      }
    });
  });
});
