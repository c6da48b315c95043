import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ProfileController } from './profile.controller.js';
import { RecommendationController } from './recommendation.controller.js';

@Module({ imports: [CatalogModule], controllers: [RecommendationController, ProfileController] })
export class RecommendationModule {}
