import { Controller, Get, Header } from '@nestjs/common';
import { Open } from '../common/route-policy.js';
import { loadOpenApi } from './openapi.js';

@Controller()
@Open()
export class DocsController {
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
