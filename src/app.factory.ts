import 'reflect-metadata';
import { DiscoveryService, NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { getStorageToken, type ThrottlerStorage } from '@nestjs/throttler';
import express, { type Request } from 'express';
import helmet from 'helmet';
import type { DestinationStream } from 'pino';
import swaggerUi from 'swagger-ui-express';
import { AppModule } from './app.module.js';
import { ApiKeys } from './common/api-key.guard.js';
import { BodyBudget } from './common/body-budget.js';
import { BodyParsers } from './common/body-parsers.js';
import { rejectDotSegments } from './common/dot-segments.js';
import { edgeMiddleware } from './common/edge.middleware.js';
import { MethodNotAllowedError } from './common/errors.js';
import { createLogger, httpLogger, PinoNestLogger } from './common/logging.js';
import { sendProblem } from './common/problem.filter.js';
import { RateLimiter } from './common/rate-limit.js';
import { buildRouteTable, type RoutePolicy } from './common/route-policy.js';
import { servedTypes } from './common/served-types.js';
import { answerServerErrorsWithProblems } from './common/server-problems.js';
import { type AppConfig, loadConfig } from './config/config.js';
import { loadOpenApi } from './docs/openapi.js';
import { MetricsService } from './metrics/metrics.service.js';
import { TLS_SERVER_OPTIONS } from './tls/tls-options.js';

export { YAML_MEDIA_TYPES } from './common/body-parsers.js';

export interface CreateAppOptions {
  config?: AppConfig;
  env?: Readonly<Record<string, string | undefined>>;
  /** Where the JSON log lines go (tests read them); stdout by default. */
  logDestination?: DestinationStream;
  /** Key and certificate for HTTPS (TLS_CERT_FILE / TLS_KEY_FILE). */
  httpsOptions?: { key: Buffer | string; cert: Buffer | string };
}

/**
 * Builds the fully configured application without listening: main.ts and every e2e test use it,
 * so tests run the same pipeline as production.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const config = options.config ?? loadConfig(options.env ?? process.env);
  const logger = createLogger(config, options.logDestination);
  const instance = express();
  // Set before anything creates the router, which reads them once: "/V1/patterns" and
  // "/v1/patterns/" match no route, so they can never reach a handler the edge did not check.
  instance.set('case sensitive routing', true);
  instance.set('strict routing', true);
  instance.set('trust proxy', config.trustProxy);
  const adapter = new ExpressAdapter(instance);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), adapter, {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
    cors:
      config.corsOrigins.length > 0
        ? {
            origin: config.corsOrigins.includes('*') ? '*' : [...config.corsOrigins],
            exposedHeaders: ['X-Request-Id', 'Retry-After', 'ETag'],
          }
        : false,
    httpsOptions: options.httpsOptions && { ...TLS_SERVER_OPTIONS, ...options.httpsOptions },
  });
  answerServerErrorsWithProblems(app.getHttpServer());
  app.disable('x-powered-by');
  // Cacheable routes set strong ETags themselves (sendCacheable); hashing every other body is waste.
  app.set('etag', false);

  const table = buildRouteTable(app.get(DiscoveryService), config);
  app.use(httpLogger(logger, (method, path) => table.match(method, path)?.path));
  app.use(app.get(MetricsService).middleware());
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Behind a TLS-terminating ingress or on plain HTTP inside the cluster, never force https.
        directives: { upgradeInsecureRequests: null },
      },
    }),
  );
  app.use(rejectDotSegments);
  const docs = express.Router();
  docs.use(
    swaggerUi.serve,
    swaggerUi.setup(loadOpenApi().json, { customSiteTitle: 'podwire API' }),
  );
  // Swagger UI answers any method; the contract has GET only (the fuzz test found PUT /docs/ → 200).
  // It is mounted outside the route table, so its 405 names the two methods this gate lets in.
  app.use('/docs', (req: Request, res: express.Response, next: express.NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD') docs(req, res, next);
    else next(new MethodNotAllowedError(['GET', 'HEAD']));
  });

  const served = new Map<RoutePolicy, readonly string[]>();
  // Nothing reads a body but this middleware, and only after the key, rate limit and budget.
  app.use(
    edgeMiddleware({
      table,
      served: (route) => {
        let types = served.get(route);
        if (!types) {
          types = servedTypes(loadOpenApi().json, route);
          served.set(route, types);
        }
        return types;
      },
      keys: new ApiKeys(config.apiKeys),
      limiter: new RateLimiter(
        app.get<ThrottlerStorage>(getStorageToken()),
        config.rateLimitPerMinute,
      ),
      budget: new BodyBudget(config.bodyBudgetBytes, app.get(MetricsService).registry),
      parsers: new BodyParsers(),
    }),
  );

  await app.init();
  // Errors thrown by Express middleware outside Nest's handlers still become problems.
  app.use((error: unknown, req: Request, res: express.Response, _next: express.NextFunction) =>
    sendProblem(error, req, res),
  );
  return app;
}
