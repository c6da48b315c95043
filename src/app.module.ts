import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { CatalogModule } from './catalog/catalog.module.js';
import { ChatopsModule } from './chatops/chatops.module.js';
import { AdmissionModule } from './admission/admission.module.js';
import { ApiKeyGuard } from './common/api-key.guard.js';
import { ConsumesGuard } from './common/consumes.js';
import { ProblemFilter } from './common/problem.filter.js';
import { createValidationPipe } from './common/validation.pipe.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DocsModule } from './docs/docs.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { RecommendationModule } from './recommendation/recommendation.module.js';
import { ReleasesModule } from './releases/releases.module.js';
import { RenderingModule } from './rendering/rendering.module.js';
import { ValidationModule } from './validation/validation.module.js';

/** Feature modules: one line each. */
const FEATURE_MODULES: Type[] = [
  AdmissionModule,
  CatalogModule,
  ChatopsModule,
  RecommendationModule,
  ReleasesModule,
  RenderingModule,
  ValidationModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        // Its storage holds the rate-limit buckets; the edge middleware counts (see rate-limit.ts).
        ThrottlerModule.forRoot([]),
        DiscoveryModule,
        HealthModule,
        MetricsModule,
        DocsModule,
        ...FEATURE_MODULES,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
        // Key and rate limit are checked first by the edge middleware; this guard is the second
        // line, for the handler Nest actually matched. Then the media type.
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: ConsumesGuard },
      ],
    };
  }
}
