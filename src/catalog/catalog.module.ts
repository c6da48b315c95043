import { Module } from '@nestjs/common';
import { type Catalog, loadCatalog } from './catalog.js';
import { CATALOG } from './catalog.tokens.js';
import { PatternsController } from './patterns.controller.js';

@Module({
  controllers: [PatternsController],
  // Loaded once at start-up: a broken data file throws here and the app does not start.
  providers: [{ provide: CATALOG, useFactory: (): Catalog => loadCatalog() }],
  exports: [CATALOG],
})
export class CatalogModule {}
