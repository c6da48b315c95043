import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { get, request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TLSSocket } from 'node:tls';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** A self-signed certificate for 127.0.0.1 (node cannot create X.509 certificates itself). */
function selfSigned(dir: string, cn: string): { cert: string; key: string } {
  mkdirSync(dir, { recursive: true });
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${cn}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      join(dir, 'tls.key'),
      '-out',
      join(dir, 'tls.crt'),
    ],
    { stdio: 'ignore' },
  );
  return {
    cert: readFileSync(join(dir, 'tls.crt'), 'utf8'),
    key: readFileSync(join(dir, 'tls.key'), 'utf8'),
  };
}

interface Answer {
  status: number;
  body: string;
  subject: string;
}

/** One request on a fresh connection (no keep-alive: each call sees the server's current certificate). */
function livez(port: number, ca: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: '/livez', ca, agent: false }, (res) => {
      const subject = (res.socket as TLSSocket).getPeerCertificate().subject?.CN ?? '';
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, subject: String(subject) }));
    });
    req.on('error', reject);
  });
}

/** Retries while the server starts or the certificate is being swapped; the last error otherwise. */
async function eventually(port: number, ca: string, attempts = 300): Promise<Answer> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await livez(port, ca);
    } catch (error) {
      last = error;
      await sleep(100);
    }
  }
  throw last;
}

/** What the API server does: POST an AdmissionReview over HTTPS, trusting the caBundle. */
function admit(
  port: number,
  ca: string,
  review: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/admission',
        method: 'POST',
        ca,
        agent: false,
        headers: { 'Content-Type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(review));
  });
}

function startServer(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', './test/helpers/swc-register.mjs', 'src/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'silent', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

describe('podwire over HTTPS (TLS_CERT_FILE, TLS_KEY_FILE)', () => {
  const root = mkdtempSync(join(tmpdir(), 'podwire-tls-'));
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves https://127.0.0.1:<port>/livez and the webhook, and reloads a rotated certificate without a restart', async () => {
    // The layout the kubelet gives a mounted Secret: files behind a `..data` symlink swapped atomically.
    const mount = join(root, 'mount');
    const first = selfSigned(join(mount, '..v1'), 'podwire-first');
    symlinkSync('..v1', join(mount, '..data'));
    symlinkSync(join('..data', 'tls.crt'), join(mount, 'tls.crt'));
    symlinkSync(join('..data', 'tls.key'), join(mount, 'tls.key'));

    const port = await freePort();
    child = startServer({
      PORT: String(port),
      TLS_CERT_FILE: join(mount, 'tls.crt'),
      TLS_KEY_FILE: join(mount, 'tls.key'),
    });

    const before = await eventually(port, first.cert);
    expect(before.status).toBe(200);
    expect(JSON.parse(before.body)).toEqual({ status: 'ok' });
    expect(before.subject).toBe('podwire-first');

    const admission = await admit(port, first.cert, {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: {
        uid: 'tls-1',
        kind: { group: '', version: 'v1', kind: 'Namespace' },
        operation: 'DELETE',
        object: null,
      },
    });
    expect(admission.status).toBe(200);
    expect(JSON.parse(admission.body)).toEqual({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      response: { uid: 'tls-1', allowed: true },
    });

    const second = selfSigned(join(mount, '..v2'), 'podwire-second');
    symlinkSync('..v2', join(mount, '..data_tmp'));
    renameSync(join(mount, '..data_tmp'), join(mount, '..data'));

    // New connections present the new certificate once the watcher has picked it up.
    const after = await eventually(port, second.cert);
    expect(after.status).toBe(200);
    expect(after.subject).toBe('podwire-second');
    await expect(livez(port, first.cert)).rejects.toThrow(
      /self[- ]signed|unable to verify|certificate/i,
    );
  }, 60_000);

  it('refuses to start when the key does not belong to the certificate, naming the variables', async () => {
    selfSigned(join(root, 'a'), 'a');
    selfSigned(join(root, 'b'), 'b');
    child = startServer({
      PORT: String(await freePort()),
      TLS_CERT_FILE: join(root, 'a', 'tls.crt'),
      TLS_KEY_FILE: join(root, 'b', 'tls.key'),
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain(
      'Invalid configuration: TLS_CERT_FILE and TLS_KEY_FILE are not a usable certificate and key',
    );
  });

  it('refuses to start when a TLS file is missing', async () => {
    child = startServer({
      PORT: String(await freePort()),
      TLS_CERT_FILE: join(root, 'nope.crt'),
      TLS_KEY_FILE: join(root, 'nope.key'),
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain(
      `Invalid configuration: TLS_CERT_FILE ${join(root, 'nope.crt')} cannot be read`,
    );
  });
});
