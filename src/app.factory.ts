import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type Request } from 'express';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';
import { AppModule } from './app.module.js';
import { createLogger, httpLogger, PinoNestLogger } from './common/logging.js';
import { sendProblem } from './common/problem.filter.js';
import { type AppConfig, loadConfig } from './config/config.js';
import { loadOpenApi } from './docs/openapi.js';
import { MetricsService } from './metrics/metrics.service.js';

/** Raw-text media types the validation endpoint takes as YAML. */
export const YAML_MEDIA_TYPES = [
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/plain',
];

declare module 'http' {
  interface IncomingMessage {
    /** The exact bytes of a form body, kept for signature checks (Slack). */
    rawBody?: Buffer;
  }
}

export interface CreateAppOptions {
  config?: AppConfig;
  env?: Readonly<Record<string, string | undefined>>;
  /** Key and certificate for HTTPS (TLS_CERT_FILE / TLS_KEY_FILE). */
  httpsOptions?: { key: Buffer | string; cert: Buffer | string };
}

/**
 * Builds the fully configured application without listening: main.ts and every e2e test use it,
 * so tests run the same pipeline as production.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const config = options.config ?? loadConfig(options.env ?? process.env);
  const logger = createLogger(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
    cors:
      config.corsOrigins.length > 0
        ? {
            origin: config.corsOrigins.includes('*') ? '*' : [...config.corsOrigins],
            exposedHeaders: ['X-Request-Id', 'Retry-After', 'ETag'],
          }
        : false,
    httpsOptions: options.httpsOptions,
  });
  app.disable('x-powered-by');
  // Cacheable routes set strong ETags themselves (sendCacheable); hashing every other body is waste.
  app.set('etag', false);

  app.use(httpLogger(logger));
  app.use(app.get(MetricsService).middleware());
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Behind a TLS-terminating ingress or on plain HTTP inside the cluster, never force https.
        directives: { upgradeInsecureRequests: null },
      },
    }),
  );
  app.use(
    '/docs',
    swaggerUi.serve,
    swaggerUi.setup(loadOpenApi().json, { customSiteTitle: 'podwire API' }),
  );

  const limit = config.bodyLimitBytes;
  const keepRaw = (req: Request, _res: unknown, buf: Buffer) => {
    req.rawBody = buf;
  };
  const JSON_TYPES = ['application/json', 'application/*+json'];
  // The API server accepts 3 MiB request bodies, and an UPDATE review carries object and
  // oldObject: a 413 here would let the object in unchecked (failurePolicy: Ignore).
  app.use(
    '/v1/admission',
    express.json({ limit: config.admissionBodyLimitBytes, type: JSON_TYPES }),
  );
  app.use(express.json({ limit, type: JSON_TYPES }));
  app.use(express.text({ limit, type: YAML_MEDIA_TYPES }));
  app.use(express.urlencoded({ limit, extended: false, verify: keepRaw }));

  await app.init();
  // Errors thrown by Express middleware outside Nest's handlers still become problems.
  app.use((error: unknown, req: Request, res: express.Response, _next: express.NextFunction) =>
    sendProblem(error, req, res),
  );
  return app;
}
