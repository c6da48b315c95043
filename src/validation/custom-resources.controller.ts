import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendCacheable } from '../common/cacheable.js';
import { shippedCrds } from '../kubernetes/crd/index.js';

/**
 * The custom resource types podwire validates without their CRD in the bundle (DESIGN §8): the
 * shipped CRDs, with the project and release they come from. Data of the release, so cacheable.
 */
@Controller('v1/custom-resources')
export class CustomResourcesController {
  @Get()
  list(@Req() req: Request, @Res() res: Response): void {
    const customResources = shippedCrds().map(({ group, kind, versions, project, release }) => ({
      group,
      kind,
      versions,
      source: { project, release },
    }));
    sendCacheable(req, res, 'application/json; charset=utf-8', JSON.stringify({ customResources }));
  }
}
