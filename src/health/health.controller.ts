import { Controller, Get, Header, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Open } from '../common/route-policy.js';
import { LifecycleService } from './lifecycle.service.js';

@Controller()
@Open()
export class HealthController {
  constructor(private readonly lifecycle: LifecycleService) {}

  @Get('livez')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  livez(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  @Header('Cache-Control', 'no-store')
  readyz(@Res({ passthrough: true }) res: Response): { status: 'ok' | 'draining' } {
    if (this.lifecycle.isDraining) {
      res.status(503);
      return { status: 'draining' };
    }
    return { status: 'ok' };
  }
}
