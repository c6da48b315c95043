import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { createLogger, httpLogger } from './logging.js';

describe('request logs', () => {
  it('redact the query string and every credential header', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger(loadConfig({ LOG_LEVEL: 'info' }), sink);
    const app = express();
    app.use(httpLogger(logger));
    app.get('/v1/patterns', (_req, res) => {
      res.json([]);
    });
    await request(app)
      .get('/v1/patterns?token=s0-query&placement=same-pod')
      .set('Authorization', 'Bearer s1-bearer')
      .set('X-API-Key', 's2-api-key')
      .set('Proxy-Authorization', 'Basic s3-proxy')
      .set('Cookie', 'session=s4-cookie')
      .set('X-Slack-Signature', 'v0=s5-slack');
    const entry = lines
      .map((line) => JSON.parse(line) as { req?: { url: string; headers: Record<string, string> } })
      .find((line) => line.req);
    expect(entry?.req?.url).toBe('/v1/patterns?[redacted]');
    for (const header of [
      'authorization',
      'x-api-key',
      'proxy-authorization',
      'cookie',
      'x-slack-signature',
    ]) {
      expect(entry?.req?.headers[header], header).toBe('[redacted]');
    }
    expect(lines.join('\n')).not.toMatch(/s[0-5]-/);
  });
});
