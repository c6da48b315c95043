import { Module } from '@nestjs/common';
import { CustomResourcesController } from './custom-resources.controller.js';
import { RulesController } from './rules.controller.js';
import { ValidationController } from './validation.controller.js';
import { ValidationService } from './validation.service.js';

@Module({
  controllers: [ValidationController, RulesController, CustomResourcesController],
  providers: [ValidationService],
  exports: [ValidationService],
})
export class ValidationModule {}
