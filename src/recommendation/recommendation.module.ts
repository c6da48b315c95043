import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { RecommendationController } from './recommendation.controller.js';

@Module({ imports: [CatalogModule], controllers: [RecommendationController] })
export class RecommendationModule {}
