import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { CallerDto, CallersNameSomeone } from './caller.dto.js';
import { GatewayDto } from './gateway.dto.js';
import { MeshRouteDto } from './mesh-options.dto.js';
import { TlsDto } from './tls.dto.js';
import { IsKubernetesVersion } from '../../common/kubernetes-version.js';
import { BYTES_QUANTITY, CPU_QUANTITY, quantityValue } from '../renderers/quantity.js';
import {
  ISTIO_RESERVED_PORTS,
  MESHES,
  type MeshKind,
  OBJECT_STORAGE_MODES,
  type ObjectStorageMode,
  PATTERN_IDS,
  type PatternId,
  PROXIES,
  PVC_ACCESS_MODES,
  type PvcAccessMode,
  type ProxyKind,
  WORKLOAD_KINDS,
  type WorkloadKind,
} from '../renderers/types.js';

/**
 * A DNS-1123 label that also starts with a letter, since the name becomes a Service name (DNS-1035).
 * 40 characters at most: derived names such as `<name>-peer-headless` must stay within 63.
 */
const NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `[registry[:port]/]path[:tag][@sha256:digest]`, as the container runtime parses image names. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REGISTRY =
  '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\\d+)?/)?';
const IMAGE = new RegExp(
  `^${REGISTRY}${COMPONENT}(?:/${COMPONENT})*(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(@sha256:[a-f0-9]{64})?$`,
);

/** Absolute, no `.`/`..` segments, portable characters. */
const ABSOLUTE_PATH = /^(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9._-]+)+$/;
/** Mounting over these hides the image's own files, or collides with the scratch mount at /tmp. */
const RESERVED_DIRS = new Set([
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/proc',
  '/sbin',
  '/sys',
  '/tmp',
  '/usr',
  '/var',
]);

function IsQuantity(kind: 'cpu' | 'bytes', options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isQuantity',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          (kind === 'cpu' ? CPU_QUANTITY : BYTES_QUANTITY).test(value) &&
          quantityValue(value) > 0,
        defaultMessage: () =>
          kind === 'cpu'
            ? '$property must be a positive CPU quantity such as "250m" or "0.5"'
            : '$property must be a positive byte quantity such as "128Mi" or "1Gi" (the "m" suffix would mean millibytes)',
      },
    },
    options,
  );
}

function IsPinnedImage(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPinnedImage',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value.length > 255) return false;
          const m = IMAGE.exec(value);
          // A tag or digest is required and "latest" is not a version: the image could change under you.
          return m !== null && (m[2] !== undefined || (m[1] !== undefined && m[1] !== 'latest'));
        },
        defaultMessage: () =>
          '$property must be an image reference with a version tag or a digest (e.g. "ghcr.io/acme/app:1.4.2"); ":latest" and untagged images are refused',
      },
    },
    options,
  );
}

function IsPort(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPort',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && !ISTIO_RESERVED_PORTS.includes(value),
        defaultMessage: () =>
          `$property must not be one of Istio's reserved ports (${ISTIO_RESERVED_PORTS.join(', ')})`,
      },
    },
    options,
  );
}

function IsMountPath(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMountPath',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          value.length <= 255 &&
          ABSOLUTE_PATH.test(value) &&
          !RESERVED_DIRS.has(value),
        defaultMessage: () =>
          `$property must be an absolute path (letters, digits, ".", "_", "-") other than ${[...RESERVED_DIRS].join(', ')}`,
      },
    },
    options,
  );
}

function IsSocketPath(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSocketPath',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !ABSOLUTE_PATH.test(value)) return false;
          const dir = value.slice(0, value.lastIndexOf('/'));
          // sun_path holds 108 bytes including the terminating NUL.
          return value.length <= 107 && dir !== '' && !RESERVED_DIRS.has(dir);
        },
        defaultMessage: () =>
          `$property must be an absolute file path of at most 107 characters in a directory of its own (not /, ${[...RESERVED_DIRS].join(', ')}), e.g. "/run/app/app.sock"`,
      },
    },
    options,
  );
}

const PORT_RANGE = '$property must be an integer from 1 to 65535';

export class ResourceAmountsDto {
  @IsOptional()
  @IsQuantity('cpu')
  cpu?: string;

  @IsOptional()
  @IsQuantity('bytes')
  memory?: string;
}

export class ResourcesDto {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ResourceAmountsDto)
  requests?: ResourceAmountsDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ResourceAmountsDto)
  limits?: ResourceAmountsDto;
}

export class ContainerDto {
  @IsOptional()
  @IsPinnedImage()
  image?: string;

  @IsOptional()
  @IsInt({ message: PORT_RANGE })
  @Min(1, { message: PORT_RANGE })
  @Max(65535, { message: PORT_RANGE })
  @IsPort()
  port?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
  @MaxLength(4096, { each: true })
  command?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
  @MaxLength(4096, { each: true })
  args?: string[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ResourcesDto)
  resources?: ResourcesDto;
}

export class ContainersDto {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContainerDto)
  app?: ContainerDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContainerDto)
  peer?: ContainerDto;
}

/** S3 bucket names: 3–63 lowercase letters, digits, "." and "-", starting and ending alphanumeric. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** An http(s) endpoint without credentials, path or query: the parties add the bucket. */
const ENDPOINT = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/;

export class ObjectStorageDto {
  @IsOptional()
  @IsIn(OBJECT_STORAGE_MODES)
  mode?: ObjectStorageMode;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  @Matches(ENDPOINT, {
    message:
      '$property must be an http(s) URL of host and optional port, e.g. "https://s3.eu-west-1.amazonaws.com"',
  })
  endpoint?: string;

  @IsOptional()
  @IsString()
  @Matches(BUCKET, {
    message: '$property must be an S3 bucket name: 3-63 lowercase letters, digits, "." and "-"',
  })
  bucket?: string;

  @IsOptional()
  @IsString()
  @MaxLength(253)
  @Matches(DNS_SUBDOMAIN, { message: '$property must be a DNS-1123 subdomain (a Secret name)' })
  credentialsSecret?: string;
}

export class RenderOptionsDto {
  @IsOptional()
  @IsIn(PROXIES)
  proxy?: ProxyKind;

  @IsOptional()
  @IsInt({ message: PORT_RANGE })
  @Min(1, { message: PORT_RANGE })
  @Max(65535, { message: PORT_RANGE })
  @IsPort()
  proxyPort?: number;

  @IsOptional()
  @IsMountPath()
  mountPath?: string;

  @IsOptional()
  @IsQuantity('bytes')
  sizeLimit?: string;

  @IsOptional()
  @IsSocketPath()
  socketPath?: string;

  @IsOptional()
  @IsIn(MESHES)
  mesh?: MeshKind;

  @IsOptional()
  @IsQuantity('bytes')
  storage?: string;

  @IsOptional()
  @IsString()
  @MaxLength(253)
  @Matches(DNS_SUBDOMAIN, {
    message: '$property must be a DNS-1123 subdomain (a StorageClass name)',
  })
  storageClassName?: string;

  @IsOptional()
  @IsBoolean()
  networkPolicy?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @ValidateNested({ each: true })
  @Type(() => CallerDto)
  @CallersNameSomeone()
  callers?: CallerDto[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GatewayDto)
  gateway?: GatewayDto;

  @IsOptional()
  @IsBoolean()
  createNamespace?: boolean;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MeshRouteDto)
  route?: MeshRouteDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TlsDto)
  tls?: TlsDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ObjectStorageDto)
  objectStorage?: ObjectStorageDto;

  @IsOptional()
  @IsIn(PVC_ACCESS_MODES)
  accessMode?: PvcAccessMode;
}

/** Body of `POST /v1/manifests/render` (DESIGN §4). */
export class RenderRequestDto {
  @IsIn(PATTERN_IDS)
  pattern: PatternId;

  @IsString()
  @MaxLength(40, {
    message:
      '$property must be at most 40 characters (derived names such as <name>-peer-headless must fit in 63)',
  })
  @Matches(NAME, {
    message:
      '$property must be a DNS-1123 label starting with a letter: lowercase letters, digits and "-", e.g. "web-1"',
  })
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(63)
  @Matches(DNS_LABEL, {
    message: '$property must be a DNS-1123 label: lowercase letters, digits and "-"',
  })
  namespace?: string;

  @IsOptional()
  @IsKubernetesVersion()
  kubernetesVersion?: string;

  @IsOptional()
  @IsIn(WORKLOAD_KINDS)
  workload?: WorkloadKind;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  replicas?: number;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContainersDto)
  containers?: ContainersDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RenderOptionsDto)
  options?: RenderOptionsDto;
}
