import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type ConnectionOptions } from 'node:tls';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.factory.js';
import { watchKeyPair } from '../src/tls/tls-files.js';

function selfSigned(dir: string, cn: string): { certFile: string; keyFile: string } {
  const certFile = join(dir, `${cn}.crt`);
  const keyFile = join(dir, `${cn}.key`);
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
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile };
}

/** The negotiated protocol and cipher, the peer's CN, or the handshake error. */
function handshake(
  port: number,
  options: ConnectionOptions,
): Promise<{ ok: true; protocol: string; cipher: string; cn: string } | { ok: false }> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...options });
    socket.once('secureConnect', () => {
      resolve({
        ok: true,
        protocol: socket.getProtocol() ?? '',
        cipher: socket.getCipher().name,
        cn: String(socket.getPeerCertificate().subject?.CN ?? ''),
      });
      socket.destroy();
    });
    socket.once('error', () => resolve({ ok: false }));
  });
}

describe('TLS server options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podwire-tls-ciphers-'));
  let app: NestExpressApplication;
  let port: number;
  let stop: () => void;
  const files = { certFile: join(dir, 'tls.crt'), keyFile: join(dir, 'tls.key') };

  beforeAll(async () => {
    const first = selfSigned(dir, 'first');
    renameSync(first.certFile, files.certFile);
    renameSync(first.keyFile, files.keyFile);
    const pair = { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) };
    app = await createApp({
      env: { LOG_LEVEL: 'silent', VALIDATION_WORKERS: '0' },
      httpsOptions: pair,
    });
    const server = app.getHttpServer() as unknown as Server;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
    stop = watchKeyPair(server, files, pair, { info: () => {}, warn: () => {} });
  });
  afterAll(async () => {
    stop?.();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const staticRsa = { maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' } as const;

  it('refuses TLS 1.2 without forward secrecy and TLS 1.1, and takes ECDHE and TLS 1.3', async () => {
    expect(await handshake(port, staticRsa)).toEqual({ ok: false });
    expect(
      await handshake(port, {
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.1',
        ciphers: 'DEFAULT@SECLEVEL=0',
      }),
    ).toEqual({ ok: false });
    expect(
      await handshake(port, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' }),
    ).toMatchObject({ ok: true, protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256' });
    expect(await handshake(port, {})).toMatchObject({ ok: true, protocol: 'TLSv1.3' });
  });

  it('keeps the cipher list when a rotated certificate is loaded', async () => {
    const second = selfSigned(dir, 'second');
    renameSync(second.keyFile, files.keyFile);
    renameSync(second.certFile, files.certFile);
    let cn = '';
    while (cn !== 'second') {
      const result = await handshake(port, {});
      cn = result.ok ? result.cn : '';
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await handshake(port, staticRsa)).toEqual({ ok: false });
  });
});
