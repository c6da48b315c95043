import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Open } from '../common/route-policy.js';
import { MetricsService } from './metrics.service.js';

@Controller()
@Open()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('metrics')
  async metricsText(@Res() res: Response): Promise<void> {
    const text = await this.metrics.registry.metrics();
    res.status(200).type(this.metrics.registry.contentType).send(text);
  }
}
