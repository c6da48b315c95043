import { Module } from '@nestjs/common';
import { CustomResourcesController } from './custom-resources.controller.js';
import { FixController } from './fix.controller.js';
import { RulesController } from './rules.controller.js';
import { ValidationController } from './validation.controller.js';
import { ValidationService } from './validation.service.js';

@Module({
  controllers: [ValidationController, FixController, RulesController, CustomResourcesController],
  providers: [ValidationService],
  exports: [ValidationService],
})
export class ValidationModule {}
