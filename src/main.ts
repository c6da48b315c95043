import type { Server as HttpsServer } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './app.factory.js';
import { createLogger } from './common/logging.js';
import { ConfigError, loadConfig } from './config/config.js';
import { LifecycleService } from './health/lifecycle.service.js';
import { readKeyPair, TlsFileError, watchKeyPair } from './tls/tls-files.js';

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
  await app.listen(config.port, config.host);
  // With httpsOptions, Nest's server is an https.Server, whose secure context can be swapped live.
  const server = app.getHttpServer() as unknown as HttpsServer;
  const stopWatchingTls =
    tls && keyPair ? watchKeyPair(server, tls, keyPair, createLogger(config)) : undefined;
  const lifecycle = app.get(LifecycleService);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Readiness fails at once; the listener stays open for SHUTDOWN_DELAY_MS so endpoints update.
    lifecycle.startDraining();
    const force = setTimeout(() => process.exit(1), config.shutdownGraceMs);
    force.unref();
    await sleep(config.shutdownDelayMs);
    stopWatchingTls?.();
    await app.close();
    process.stderr.write(`podwire stopped on ${signal}\n`);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
