import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/config.js';
import { LifecycleService } from './health/lifecycle.service.js';

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
  const app = await createApp({ config });
  await app.listen(config.port, config.host);
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
    await app.close();
    process.stderr.write(`podwire stopped on ${signal}\n`);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
