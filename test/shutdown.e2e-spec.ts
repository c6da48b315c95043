import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
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
