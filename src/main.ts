import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './app.factory.js';
import { createLogger } from './common/logging.js';
import { ConfigError, loadConfig } from './config/config.js';
import { LifecycleService } from './health/lifecycle.service.js';
import { ValidationService } from './validation/validation.service.js';
import { readKeyPair, TlsFileError, watchKeyPair } from './tls/tls-files.js';
import { baseUrl, listen, listenFailure } from './listen.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const tls =
    config.tlsCertFile && config.tlsKeyFile
      ? { certFile: config.tlsCertFile, keyFile: config.tlsKeyFile }
      : undefined;
  let keyPair;
  try {
    keyPair = tls ? readKeyPair(tls) : undefined;
  } catch (error) {
    if (error instanceof TlsFileError) {
      process.stderr.write(`Invalid configuration: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp({ config, httpsOptions: keyPair });
  // With httpsOptions, Nest's server is an https.Server, whose secure context can be swapped live.
  const server = app.getHttpServer() as unknown as HttpsServer;
  const logger = createLogger(config);
  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    const message = listenFailure(error, config.port, config.host);
    if (message === undefined) throw error;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
  // PORT=0 asks the system for a port: print the one it gave.
  const { port } = server.address() as AddressInfo;
  const url = baseUrl(tls !== undefined, config.host, port);
  logger.info(
    { address: url, docs: `${url}/docs` },
    `podwire listening on ${url}, API docs at ${url}/docs`,
  );
  const stopWatchingTls = tls && keyPair ? watchKeyPair(server, tls, keyPair, logger) : undefined;
  const lifecycle = app.get(LifecycleService);

  const validation = app.get(ValidationService);

  let stopping = false;
  /**
   * Readiness fails at once; the listener stays open for SHUTDOWN_DELAY_MS so endpoints update
   * and requests still routed here are served. Then the listener closes, large manifests are
   * refused, and those queued or running get SHUTDOWN_GRACE_MS (less a margin to send the
   * answers) to finish before they answer 503: every request gets an answer and the exit is 0.
   * The forced exit 1 is a last resort for a request that still hangs.
   */
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    lifecycle.startDraining();
    await sleep(config.shutdownDelayMs);
    const force = setTimeout(() => process.exit(1), config.shutdownGraceMs);
    force.unref();
    stopWatchingTls?.();
    const margin = Math.min(1000, config.shutdownGraceMs / 2);
    const drained = validation.drain(config.shutdownGraceMs - margin);
    await app.close();
    await drained;
    process.stderr.write(`podwire stopped on ${signal}\n`);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
