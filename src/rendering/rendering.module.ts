import { Module } from '@nestjs/common';
import { RenderingController } from './rendering.controller.js';

@Module({ controllers: [RenderingController] })
export class RenderingModule {}
