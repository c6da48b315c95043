import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LifecycleService } from '../src/health/lifecycle.service.js';
import { createTestApp, flushExercised, type TestApp } from './helpers/app.js';

interface Line {
  level: number;
  msg: string;
  url?: string;
  [key: string]: unknown;
}

const INFO = 30;

describe('request logs', () => {
  let t: TestApp;
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(JSON.parse(text) as Line);
      }
      done();
    },
  });

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'debug' }, { logDestination: sink });
  });
  afterAll(async () => {
    flushExercised();
    await t.app.close();
  });

  const requestLines = () => lines.filter((l) => l.msg.startsWith('request ') && 'status' in l);

  it('logs probes and scrapes at debug, never at info', async () => {
    await t.http.get('/livez').expect(200);
    await t.http.get('/readyz').expect(200);
    await t.http.get('/metrics').expect(200);
    const probes = requestLines().filter((l) => ['/livez', '/readyz', '/metrics'].includes(l.url!));
    expect(probes.map((l) => l.url).sort()).toEqual(['/livez', '/metrics', '/readyz']);
    expect(probes.every((l) => l.level < INFO)).toBe(true);
    const loud = lines.filter(
      (l) => l.level >= INFO && JSON.stringify(l).match(/\/livez|\/readyz/) !== null,
    );
    expect(loud).toEqual([]);
  });

  it('writes one request line with method, route, status, duration, id and agent, no headers', async () => {
    lines.length = 0;
    await t.http
      .get('/v1/patterns/sidecar-proxy?token=s3cr3t')
      .set('User-Agent', 'podwire-e2e/1.0')
      .set('X-Request-Id', 'req-4711')
      .set('Authorization', 'Bearer s3cr3t-key')
      .set('Cookie', 'session=s3cr3t-cookie')
      .expect(200);
    const [line] = requestLines();
    expect(line).toMatchObject({
      level: INFO,
      method: 'GET',
      route: '/v1/patterns/:id',
      url: '/v1/patterns/sidecar-proxy?[redacted]',
      status: 200,
      reqId: 'req-4711',
      userAgent: 'podwire-e2e/1.0',
    });
    expect(typeof line.durationMs).toBe('number');
    expect(line).not.toHaveProperty('req');
    expect(line).not.toHaveProperty('res');
    const all = JSON.stringify(lines);
    expect(all).not.toMatch(/headers|s3cr3t|authorization|cookie/i);
  });

  it('names the route template even when the edge refuses before the handler', async () => {
    lines.length = 0;
    await t.http.delete('/v1/patterns').expect(405);
    await t.http.get('/v1/rules/container/latest-tag').set('Accept', 'application/xml').expect(406);
    const refused = requestLines().find((l) => l.status === 405);
    const unacceptable = requestLines().find((l) => l.status === 406);
    expect(refused).toMatchObject({ method: 'DELETE', status: 405 });
    expect(refused?.route).toBeUndefined();
    expect(unacceptable).toMatchObject({ route: '/v1/rules/:scope/:name', status: 406 });
  });

  // Last: the app drains from here on.
  it('keeps a draining /readyz (503 on purpose) at debug too', async () => {
    lines.length = 0;
    t.app.get(LifecycleService).startDraining();
    await t.http.get('/readyz').expect(503);
    const [line] = requestLines();
    expect(line).toMatchObject({ url: '/readyz', status: 503 });
    expect(line.level).toBeLessThan(INFO);
  });
});
