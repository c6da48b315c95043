import { Controller, Get, Header, Redirect } from '@nestjs/common';
import { Open } from '../common/route-policy.js';
import { loadOpenApi } from './openapi.js';

@Controller()
@Open()
export class DocsController {
  /** A browser pointed at the service lands on Swagger UI instead of a 404. */
  @Get()
  @Redirect('/docs', 302)
  root(): void {}

  @Get('openapi.yaml')
  @Header('Content-Type', 'application/yaml; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  yaml(): string {
    return loadOpenApi().yaml;
  }

  @Get('openapi.json')
  @Header('Cache-Control', 'public, max-age=300')
  json(): Record<string, unknown> {
    return loadOpenApi().json;
  }
}
