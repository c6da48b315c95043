import { describe, expect, it } from 'vitest';
import { SLACK_MAX_SKEW_SECONDS, slackSignature, verifySlackSignature } from './slack-signature.js';

// The worked example of Slack's "Verifying requests from Slack" guide.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = '1531420618';
const BODY = Buffer.from(
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
);
const EXPECTED = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const NOW = Number(TIMESTAMP) + 10;

const verify = (over: Partial<Parameters<typeof verifySlackSignature>[0]> = {}) =>
  verifySlackSignature({
    secret: SECRET,
    timestamp: TIMESTAMP,
    signature: EXPECTED,
    rawBody: BODY,
    now: NOW,
    ...over,
  });

describe('Slack v0 signatures', () => {
  it("reproduces Slack's documented example", () => {
    expect(slackSignature(SECRET, TIMESTAMP, BODY)).toBe(EXPECTED);
    expect(verify()).toBe(true);
  });

  it('accepts upper-case hex and surrounding whitespace', () => {
    expect(verify({ signature: `v0=${EXPECTED.slice(3).toUpperCase()} ` })).toBe(true);
  });

  it('refuses another secret, another body, another timestamp', () => {
    expect(verify({ secret: `${SECRET}x` })).toBe(false);
    expect(verify({ rawBody: Buffer.concat([BODY, Buffer.from('&x=1')]) })).toBe(false);
    expect(verify({ rawBody: Buffer.from(BODY.toString().replace('text=', 'text=help')) })).toBe(
      false,
    );
    expect(verify({ timestamp: String(Number(TIMESTAMP) + 1) })).toBe(false);
  });

  it('refuses timestamps more than five minutes off, in either direction', () => {
    const ts = Number(TIMESTAMP);
    expect(verify({ now: ts + SLACK_MAX_SKEW_SECONDS })).toBe(true);
    expect(verify({ now: ts + SLACK_MAX_SKEW_SECONDS + 1 })).toBe(false);
    expect(verify({ now: ts - SLACK_MAX_SKEW_SECONDS })).toBe(true);
    expect(verify({ now: ts - SLACK_MAX_SKEW_SECONDS - 1 })).toBe(false);
    expect(verify({ now: ts + 360 })).toBe(false);
  });

  it('refuses missing or malformed headers without throwing', () => {
    expect(verify({ signature: undefined })).toBe(false);
    expect(verify({ timestamp: undefined })).toBe(false);
    expect(verify({ signature: EXPECTED.slice(3) })).toBe(false);
    expect(verify({ signature: 'v1=' + EXPECTED.slice(3) })).toBe(false);
    expect(verify({ signature: EXPECTED.slice(0, -2) })).toBe(false);
    expect(verify({ signature: `${EXPECTED}00` })).toBe(false);
    expect(verify({ signature: 'v0=' + 'z'.repeat(64) })).toBe(false);
    expect(verify({ timestamp: '1531420618.5' })).toBe(false);
    expect(verify({ timestamp: '-1531420618' })).toBe(false);
    expect(verify({ timestamp: '' })).toBe(false);
  });
});
