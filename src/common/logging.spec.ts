import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { createLogger, httpLogger } from './logging.js';

describe('request logs', () => {
  it('redact the query string and carry no header at all', async () => {
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
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === 'request completed');
    expect(entry?.url).toBe('/v1/patterns?[redacted]');
    expect(entry).not.toHaveProperty('req');
    expect(lines.join('\n')).not.toMatch(/s[0-5]-|headers|authorization|cookie/i);
  });
});
