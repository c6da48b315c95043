import { type FSWatcher, readFileSync, watch } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import { TLS_SERVER_OPTIONS } from './tls-options.js';

/** Where the serving certificate and key live (TLS_CERT_FILE, TLS_KEY_FILE). */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

export interface KeyPair {
  cert: Buffer;
  key: Buffer;
}

/** A TLS file that cannot be read or a pair that does not work; the message names the variable. */
export class TlsFileError extends Error {
  override name = 'TlsFileError';
}

interface Log {
  info(message: string): void;
  warn(message: string): void;
}

/** The part of an https.Server (tls.Server) the reloader needs. */
export interface SecureServer {
  setSecureContext(options: SecureContextOptions): void;
}

/** Coalesces the burst of events one rotation causes (several files, symlink swaps). */
const SETTLE_MS = 250;
/** A slow safety net for file systems where inotify misses changes (network mounts). */
const POLL_MS = 60_000;

function read(variable: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new TlsFileError(`${variable} ${file} cannot be read: ${(error as Error).message}`);
  }
}

/** Reads both files and checks that they form a usable pair (valid PEM, matching key). */
export function readKeyPair(files: TlsFiles): KeyPair {
  const pair = {
    cert: read('TLS_CERT_FILE', files.certFile),
    key: read('TLS_KEY_FILE', files.keyFile),
  };
  try {
    createSecureContext(pair);
  } catch (error) {
    throw new TlsFileError(
      `TLS_CERT_FILE and TLS_KEY_FILE are not a usable certificate and key: ${(error as Error).message}`,
    );
  }
  return pair;
}

/**
 * Hot-reloads the certificate: cert-manager renews it before expiry and the kubelet swaps the
 * mounted Secret's files atomically (a `..data` symlink rename in the same directory), so the
 * directories are watched, not the files. New connections get the new pair; open ones keep theirs.
 * A half-written or mismatched pair is ignored (logged) until the next change. Returns a stop
 * function.
 */
export function watchKeyPair(
  server: SecureServer,
  files: TlsFiles,
  initial: KeyPair,
  log: Log,
): () => void {
  let current = initial;
  let timer: NodeJS.Timeout | undefined;
  const reload = (): void => {
    let next: KeyPair;
    try {
      next = readKeyPair(files);
    } catch (error) {
      log.warn(
        `TLS certificate not reloaded, keeping the current one: ${(error as Error).message}`,
      );
      return;
    }
    if (next.cert.equals(current.cert) && next.key.equals(current.key)) return;
    // setSecureContext resets every option it is not given (ciphers, minVersion) to Node's default.
    server.setSecureContext({ ...TLS_SERVER_OPTIONS, ...next });
    current = next;
    log.info(`TLS certificate reloaded from ${files.certFile}`);
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(reload, SETTLE_MS);
    timer.unref();
  };
  const directories = new Set([dirname(resolve(files.certFile)), dirname(resolve(files.keyFile))]);
  const watchers: FSWatcher[] = [];
  for (const directory of directories) {
    try {
      const watcher = watch(directory, { persistent: false }, schedule);
      watcher.on('error', (error) =>
        log.warn(`TLS file watch on ${directory} failed: ${error.message}`),
      );
      watchers.push(watcher);
    } catch (error) {
      log.warn(
        `TLS file watch on ${directory} unavailable, polling instead: ${(error as Error).message}`,
      );
    }
  }
  const poll = setInterval(reload, POLL_MS);
  poll.unref();
  return () => {
    clearTimeout(timer);
    clearInterval(poll);
    for (const watcher of watchers) watcher.close();
  };
}
