import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { inject } from 'vitest';
import { createApp, type CreateAppOptions } from '../../src/app.factory.js';
import { exercised, observeServer } from './contract.js';

export interface TestApp {
  app: NestExpressApplication;
  /** A supertest agent bound to the app; every response is checked against openapi.yaml. */
  http: ReturnType<typeof request>;
}

/** Quiet, unlimited defaults for tests; pass variables to override them. */
const TEST_ENV = { LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', VALIDATION_WORKERS: '0' };

export async function createTestApp(
  env: Record<string, string> = {},
  options: Pick<CreateAppOptions, 'logDestination'> = {},
): Promise<TestApp> {
  const app = await createApp({ ...options, env: { ...TEST_ENV, ...env } });
  const server = app.getHttpServer();
  observeServer(server);
  return { app, http: request(server) };
}

/** Writes the operations this test file exercised, for the coverage check in global teardown. */
export function flushExercised(): void {
  if (exercised.size === 0) return;
  const dir = inject('contractDir');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`),
    JSON.stringify([...exercised]),
  );
  exercised.clear();
}
