import { readFileSync } from 'node:fs';
import { Body, Controller, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clientGone } from '../common/client-gone.js';
import { Consumes } from '../common/consumes.js';
import { BodyLimit } from '../common/route-policy.js';
import { BadRequestError } from '../common/errors.js';
import { MultipartBody } from '../common/multipart.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { negotiate } from '../common/negotiation.js';
import { createValidationPipe } from '../common/validation.pipe.js';
import {
  ValidateFilesRequestDto,
  ValidateQueryDto,
  ValidateRequestDto,
} from './dto/validate-request.dto.js';
import { applyConfig, type PodwireConfig } from './engine/config.js';
import { checkFiles, type ManifestFile } from './engine/files.js';
import { formatMarkdown } from './engine/formatters/markdown.formatter.js';
import { formatSarif } from './engine/formatters/sarif.formatter.js';
import { formatText } from './engine/formatters/text.formatter.js';
import { rules } from './rules/index.js';
import { readConfig, readMultipart } from './validation.multipart.js';
import { ValidationService, type ValidationRequest } from './validation.service.js';

const MEDIA = [
  'application/json',
  'application/sarif+json',
  'text/markdown',
  'text/plain',
] as const;
/** Kept here rather than imported from app.factory, which imports this module (cycle). */
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];
const DEFAULT_FILENAME = 'manifest.yaml';
const TOOL_VERSION = (() => {
  try {
    return (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return '0.0.0';
  }
})();

@Controller('v1/manifests')
export class ValidationController {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly service: ValidationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('validate')
  @HttpCode(200)
  @Consumes('application/json', 'multipart/form-data', ...YAML_TYPES)
  // Real install bundles are megabytes (Argo CD's install.yaml: 1.9 MB); DESIGN §7.
  @BodyLimit('validateBodyLimitBytes', 'VALIDATE_BODY_LIMIT')
  async validate(
    @Body() body: unknown,
    @Query() query: ValidateQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { input, options } = await this.readRequest(body, query, req);
    const result = await this.service.validate(input, options, clientGone(res));
    const filename = options.filename ?? DEFAULT_FILENAME;
    // A multi-file request names its files in every format; a single manifest keeps `filename`.
    const files = typeof input === 'string' ? undefined : input.map((file) => file.filename);
    res.setHeader('Vary', 'Accept');
    switch (negotiate(req, MEDIA)) {
      case 'application/sarif+json':
        res
          .status(200)
          .type('application/sarif+json; charset=utf-8')
          .send(
            JSON.stringify(
              formatSarif(result, {
                filename,
                files,
                helpUri: (id) => `${this.config.publicBaseUrl}/v1/rules/${id}`,
                rules,
                toolVersion: TOOL_VERSION,
                informationUri: 'https://podwire.dev',
              }),
            ),
          );
        return;
      case 'text/markdown':
        res
          .status(200)
          .type('text/markdown; charset=utf-8')
          .send(formatMarkdown(result, filename, files));
        return;
      case 'text/plain':
        res.status(200).type('text/plain; charset=utf-8').send(formatText(result, filename));
        return;
      default:
        res.status(200).type('application/json; charset=utf-8').send(JSON.stringify(result));
    }
  }

  private async readRequest(
    body: unknown,
    query: ValidateQueryDto,
    req: Request,
  ): Promise<{ input: string | ManifestFile[]; options: ValidationRequest }> {
    if (body instanceof MultipartBody) {
      const form = readMultipart(body);
      const given = Object.entries({ ...query, ...form.fields }).filter(([, v]) => v !== undefined);
      const options = await this.queryOptions(Object.fromEntries(given));
      checkFiles(form.files, form.fieldOf);
      return this.configured(form.config, form.files, options);
    }
    if (typeof body === 'string') return { input: body, options: this.fromQuery(query) };
    // `kubectl get -o json`: one object, a List, or an array of objects, told from the
    // {manifest|files} envelope by its shape, and read from its text so findings have positions.
    if (isKubernetesJson(body)) {
      const text = req.rawBody?.toString('utf8') ?? JSON.stringify(body, null, 2);
      return { input: text, options: this.fromQuery(query) };
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new BadRequestError(
        'Send the manifest as YAML (Content-Type: application/yaml), as JSON {"manifest": "..."} or {"files": [...]}, or as multipart/form-data.',
        [{ field: 'manifest', message: 'is required' }],
      );
    }
    const extra = Object.keys(query).filter(
      (key) => (query as Record<string, unknown>)[key] !== undefined,
    );
    if (extra.length > 0) {
      throw new BadRequestError(
        `With a JSON body, options go into the body, not the query: ${extra.join(', ')}.`,
        extra.map((field) => ({
          field,
          message: 'not allowed as a query parameter with a JSON body',
        })),
      );
    }
    const envelope = body as Record<string, unknown>;
    if ('files' in envelope) {
      if ('manifest' in envelope) {
        throw new BadRequestError('Send either "manifest" or "files", not both.', [
          { field: 'manifest', message: 'not allowed together with files' },
        ]);
      }
      const dto = (await this.pipe.transform(body, {
        type: 'body',
        metatype: ValidateFilesRequestDto,
      })) as ValidateFilesRequestDto;
      const files = dto.files.map((file) => ({ filename: file.filename, content: file.content }));
      checkFiles(files);
      return this.configured(readConfig(envelope.config), files, {
        pattern: dto.pattern,
        kubernetesVersion: dto.kubernetesVersion,
        scope: dto.scope,
        disable: dto.rules?.disable,
      });
    }
    const dto = (await this.pipe.transform(body, {
      type: 'body',
      metatype: ValidateRequestDto,
    })) as ValidateRequestDto;
    const options: ValidationRequest = {
      filename: dto.filename,
      pattern: dto.pattern,
      kubernetesVersion: dto.kubernetesVersion,
      scope: dto.scope,
      disable: dto.rules?.disable,
    };
    const config = readConfig(envelope.config);
    if (!config) return { input: dto.manifest, options };
    // A single manifest is one unnamed file: `ignore` has no filename to match, the rest applies.
    return { input: dto.manifest, options: applyConfig(config, [], options).options };
  }

  private fromQuery(query: ValidateQueryDto): ValidationRequest {
    return {
      filename: query.filename,
      pattern: query.pattern,
      kubernetesVersion: query.kubernetesVersion,
      scope: query.scope,
      disable: query.disable,
    };
  }

  /** Multipart option fields (and the query) are checked as the query of a YAML body is. */
  private async queryOptions(fields: Record<string, unknown>): Promise<ValidationRequest> {
    const dto = (await this.pipe.transform(fields, {
      type: 'query',
      metatype: ValidateQueryDto,
    })) as ValidateQueryDto;
    if (dto.filename !== undefined) {
      throw new BadRequestError('A multipart request names each file in its part.', [
        { field: 'filename', message: 'not allowed with multipart/form-data' },
      ]);
    }
    return this.fromQuery(dto);
  }

  private configured(
    config: PodwireConfig | undefined,
    files: ManifestFile[],
    options: ValidationRequest,
  ): { input: ManifestFile[]; options: ValidationRequest } {
    if (!config) return { input: files, options };
    const applied = applyConfig(config, files, options);
    return { input: applied.files, options: applied.options };
  }
}

/** A Kubernetes object (apiVersion and kind) or an array of them, rather than an envelope. */
function isKubernetesJson(body: unknown): boolean {
  if (Array.isArray(body)) return true;
  if (typeof body !== 'object' || body === null) return false;
  const record = body as Record<string, unknown>;
  return 'apiVersion' in record && 'kind' in record;
}
