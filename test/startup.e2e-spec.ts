import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

/** Runs src/main.ts as production does (one process, its own stdout and stderr). */
function start(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', './test/helpers/swc-register.mjs', 'src/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', VALIDATION_WORKERS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function occupiedPort(): Promise<Server> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

function collect(stream: NodeJS.ReadableStream): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
}

describe('process start', () => {
  let child: ChildProcess | undefined;
  let blocker: Server | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
    blocker?.close();
    child = blocker = undefined;
  });

  it('logs one info line on start, with the address and the /docs URL', async () => {
    child = start({ PORT: '0', LOG_LEVEL: 'info' });
    const stdout = collect(child.stdout!);
    const stderr = collect(child.stderr!);
    while (!stdout().includes('podwire listening')) {
      if (child.exitCode !== null) throw new Error(`exited: ${stderr()}`);
      await Promise.race([once(child.stdout!, 'data'), once(child, 'exit')]);
    }
    const lines = stdout()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: number; address?: string; docs?: string });
    expect(lines.filter((l) => l.level >= 30)).toHaveLength(1);
    const [line] = lines;
    expect(line.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(line.docs).toBe(`${line.address}/docs`);
    expect((await fetch(line.docs!)).status).toBe(200);
  });

  it('exits 1 with one line naming PORT when the port is busy, without a stack trace', async () => {
    blocker = await occupiedPort();
    const { port } = blocker.address() as { port: number };
    child = start({ PORT: String(port), LOG_LEVEL: 'info' });
    const stderr = collect(child.stderr!);
    const stdout = collect(child.stdout!);
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    const lines = stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PORT');
    expect(lines[0]).toContain(String(port));
    expect(stderr() + stdout()).not.toMatch(/\n\s+at |EADDRINUSE/);
  });
});
