import { Module } from '@nestjs/common';
import { ValidationModule } from '../validation/validation.module.js';
import { AdmissionController } from './admission.controller.js';

@Module({ imports: [ValidationModule], controllers: [AdmissionController] })
export class AdmissionModule {}
