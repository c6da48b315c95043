import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PATTERN_IDS } from '../../catalog/catalog.js';
import { IsKubernetesVersion } from '../../common/kubernetes-version.js';

const SCOPES = ['complete', 'partial'] as const;
/** A file name or repository-relative path as it should appear in SARIF and text output. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is rejected
const FILENAME = /^[^\u0000-\u001f]{1,255}$/;
const RULE_ID = /^[a-z]+\/[a-z0-9-]+$/;

export class ValidateRulesDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Matches(RULE_ID, {
    each: true,
    message: 'each entry of $property must be a rule id like "pod/host-network"',
  })
  disable?: string[];
}

/** Options every form of a validation request takes: JSON bodies, files and query parameters. */
class BundleOptionsDto {
  @IsOptional()
  @IsIn(PATTERN_IDS)
  pattern?: string;

  @IsOptional()
  @IsKubernetesVersion()
  kubernetesVersion?: string;

  @IsOptional()
  @IsIn(SCOPES)
  scope?: 'complete' | 'partial';
}

/** Options of a single manifest: the JSON body and the query parameters of a raw-YAML request. */
class ValidateOptionsDto extends BundleOptionsDto {
  @IsOptional()
  @IsString()
  @Matches(FILENAME, { message: 'filename must be 1-255 printable characters' })
  filename?: string;
}

/** `POST /v1/manifests/validate` with a JSON body. */
export class ValidateRequestDto extends ValidateOptionsDto {
  @IsString()
  manifest!: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ValidateRulesDto)
  rules?: ValidateRulesDto;

  /** `.podwire.yaml` as an object; checked by engine/config.ts parseConfig, which names the key. */
  @IsOptional()
  config?: unknown;
}

/** One file of a multi-file request; the filename is checked by engine/files.ts (names the part). */
export class ManifestFileDto {
  @IsString()
  filename!: string;

  @IsString()
  content!: string;
}

/** `POST /v1/manifests/validate` with a JSON body holding the files of one application. */
export class ValidateFilesRequestDto extends BundleOptionsDto {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ManifestFileDto)
  files!: ManifestFileDto[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ValidateRulesDto)
  rules?: ValidateRulesDto;

  @IsOptional()
  config?: unknown;
}

/** Options as query parameters, for raw YAML bodies (`?disable=a,b` or `?disable=a&disable=b`). */
export class ValidateQueryDto extends ValidateOptionsDto {
  @IsOptional()
  @Transform(({ value }) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((item: unknown) => String(item).split(','))
      .map((id: string) => id.trim())
      .filter((id: string) => id !== ''),
  )
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(RULE_ID, {
    each: true,
    message: 'each entry of $property must be a rule id like "pod/host-network"',
  })
  disable?: string[];
}
