import type { Request } from 'express';
import { BadRequestError } from '../common/errors.js';
import { MultipartBody } from '../common/multipart.js';
import { createValidationPipe } from '../common/validation.pipe.js';
import {
  ValidateFilesRequestDto,
  ValidateQueryDto,
  ValidateRequestDto,
} from './dto/validate-request.dto.js';
import { applyConfig, type PodwireConfig } from './engine/config.js';
import { checkFiles, type ManifestFile } from './engine/files.js';
import { readConfig, readMultipart } from './validation.multipart.js';
import type { ValidationRequest } from './validation.service.js';

/**
 * Reads a validation request in each of its forms (raw YAML, JSON `{manifest}` or `{files}`,
 * Kubernetes JSON, multipart) into the manifest(s) and the options; shared by the endpoints that
 * take what validate takes (validate, fix), so they accept and refuse exactly the same bodies.
 */
export class ValidationRequestReader {
  private readonly pipe = createValidationPipe();

  async read(
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
