import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Slack request signing, v0 (the scheme bolt-js and slack_sdk implement):
 * `X-Slack-Signature: v0=hex(HMAC-SHA256(secret, "v0:" + X-Slack-Request-Timestamp + ":" + rawBody))`.
 */

/** Slack's replay window: requests more than five minutes off our clock, either way, are refused. */
export const SLACK_MAX_SKEW_SECONDS = 5 * 60;

export interface SlackSignatureInput {
  readonly secret: string;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  /** The exact bytes received; a re-serialised body would not match what Slack signed. */
  readonly rawBody: Buffer;
  /** Current Unix time in seconds. */
  readonly now: number;
}

/** The signature Slack would send for this timestamp and body. */
export function slackSignature(
  secret: string,
  timestamp: string,
  rawBody: Buffer | string,
): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`v0:${timestamp}:`, 'utf8');
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

/**
 * True only for a well-formed, fresh, matching signature. Callers answer every `false` the same
 * way, so the reason (stale, malformed, wrong) never reaches the caller.
 */
export function verifySlackSignature(input: SlackSignatureInput): boolean {
  const { timestamp, signature } = input;
  if (timestamp === undefined || signature === undefined) return false;
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(input.now - Number(timestamp)) > SLACK_MAX_SKEW_SECONDS) return false;
  const presented = /^v0=([0-9a-f]{64})$/i.exec(signature.trim());
  if (!presented) return false;
  const expected = Buffer.from(
    slackSignature(input.secret, timestamp, input.rawBody).slice(3),
    'hex',
  );
  // Both sides are 32 bytes here, so timingSafeEqual cannot throw and the compare leaks nothing.
  return timingSafeEqual(expected, Buffer.from(presented[1].toLowerCase(), 'hex'));
}
