import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { createServer, connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function waitUntilUp(base: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/livez`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error('server did not start');
}

function startServer(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', './test/helpers/swc-register.mjs', 'src/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** One request on its own connection: the status, or the socket error (e.g. ECONNRESET). */
function send(
  port: number,
  path: string,
  contentType: string,
  body: string,
): { written: Promise<void>; answer: Promise<number | string> } {
  let written!: () => void;
  const writtenPromise = new Promise<void>((resolve) => (written = resolve));
  const answer = new Promise<number | string>((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': contentType, Connection: 'close' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
        res.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      written();
      resolve(error.code ?? error.message);
    });
    req.end(body, written);
  });
  return { written: writtenPromise, answer };
}

/** Above the 64 KiB threshold, so it is validated on the worker pool. */
const LARGE = Array.from(
  { length: 500 },
  (_, i) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${i}\ndata:\n  mode: "${'x'.repeat(100)}"\n`,
).join('---\n');
const SMALL = JSON.stringify({ placement: 'same-pod', interaction: 'file-exchange' });

describe('a real podwire process', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
  });

  it('drains on SIGTERM: readiness 503 at once, in-flight requests complete, exit 0', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = startServer({
      PORT: String(port),
      HOST: '127.0.0.1',
      SHUTDOWN_DELAY_MS: '1500',
      SHUTDOWN_GRACE_MS: '8000',
    });
    const exited = once(child, 'exit');
    await waitUntilUp(base);

    // An in-flight request: headers sent, body only half sent when SIGTERM arrives.
    const body = JSON.stringify({ placement: 'same-pod', interaction: 'file-exchange' });
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.write(
      `POST /v1/recommendations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n` +
        body.slice(0, 10),
    );
    await sleep(200);

    child.kill('SIGTERM');
    await sleep(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'draining' });

    socket.end(body.slice(10));
    await once(socket, 'close');
    const response = Buffer.concat(chunks).toString('utf8');
    expect(response).toMatch(/^HTTP\/1\.1 200 /);

    const [code] = await exited;
    expect(code).toBe(0);
  });

  /**
   * 33 small and 17 large requests in flight (one large validating, VALIDATION_QUEUE = 16
   * waiting), then SIGTERM, then one request at t = 0 and a large one while readiness fails.
   * Returns every answer (a status, or the socket error) and the exit code.
   */
  async function sigtermUnderLoad(env: Record<string, string>) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = startServer({ PORT: String(port), HOST: '127.0.0.1', ...env });
    const exited = once(child, 'exit');
    await waitUntilUp(base);

    const inFlight = Array.from({ length: 50 }, (_, i) =>
      i % 3 === 0
        ? send(port, '/v1/manifests/validate', 'application/yaml', LARGE)
        : send(port, '/v1/recommendations', 'application/json', SMALL),
    );
    await Promise.all(inFlight.map((r) => r.written));

    child.kill('SIGTERM');
    const atZero = send(port, '/v1/recommendations', 'application/json', SMALL);
    // The signal is handled on the event loop, busy with the requests above: poll, bounded.
    let ready = 200;
    for (let i = 0; i < 50 && ready !== 503; i++) {
      if (i > 0) await sleep(100);
      ready = (await fetch(`${base}/readyz`)).status;
    }
    const duringDelay = send(port, '/v1/manifests/validate', 'application/yaml', LARGE);
    const answers = await Promise.all([...inFlight, duringDelay].map((r) => r.answer));
    const [code] = (await exited) as [number | null];
    return { ready, atZero: await atZero.answer, answers, code };
  }

  it('with the default settings, answers every request in flight on SIGTERM and exits 0', async () => {
    // Delay, grace, workers and queue are the shipped defaults.
    const { ready, atZero, answers, code } = await sigtermUnderLoad({});
    expect(ready).toBe(503);
    expect(atZero).toBe(200);
    expect(answers.filter((a) => a !== 200 && a !== 503)).toEqual([]);
    expect(code).toBe(0);
  }, 60_000);

  it('answers 503 to what is still queued when a short grace runs out, and still exits 0', async () => {
    // 17 large validations take longer than one second: the grace is spent with work queued.
    const { atZero, answers, code } = await sigtermUnderLoad({
      SHUTDOWN_DELAY_MS: '300',
      SHUTDOWN_GRACE_MS: '2000',
    });
    expect(atZero).toBe(200);
    expect(answers.filter((a) => a !== 200 && a !== 503)).toEqual([]);
    expect(code).toBe(0);
  }, 60_000);

  it('lets an in-flight worker-thread validation finish before the pool stops', async () => {
    const port = await freePort();
    child = startServer({
      PORT: String(port),
      HOST: '127.0.0.1',
      VALIDATION_WORKERS: '1',
      SHUTDOWN_DELAY_MS: '0',
      SHUTDOWN_GRACE_MS: '15000',
    });
    const exited = once(child, 'exit');
    await waitUntilUp(`http://127.0.0.1:${port}`);

    // Above the 64 KiB threshold, so it is validated on the worker pool.
    const body = Array.from(
      { length: 500 },
      (_, i) =>
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${i}\ndata:\n  mode: "${'x'.repeat(100)}"\n`,
    ).join('---\n');
    expect(Buffer.byteLength(body)).toBeGreaterThan(64 * 1024);
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.write(
      `POST /v1/manifests/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/yaml\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n` +
        body,
    );
    // SIGTERM while the worker thread (hundreds of ms to start from the TS sources) is validating;
    // shutdown starts at once (no delay).
    await sleep(100);
    child.kill('SIGTERM');
    await once(socket, 'close');
    const response = Buffer.concat(chunks).toString('utf8');
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toContain('"objects":500');

    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('refuses to start with a bad variable and names it', async () => {
    child = startServer({ PORT: 'eighty' });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration: PORT must be a whole number');
  });
});
