import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ADMISSION_API_VERSION,
  ADMISSION_KIND,
  type AdmissionOperation,
} from '../domain/review.js';

const OPERATIONS: readonly AdmissionOperation[] = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'];

/**
 * Kubernetes objects are arbitrary JSON: they are taken exactly as sent (no class-transformer
 * copy, no nested validation, so the global whitelist never strips or rejects their fields).
 */
const AsSent = () => Transform(({ obj, key }) => (obj as Record<string, unknown>)[key]);

export class GroupVersionKindDto {
  // The core group is the empty string.
  @IsString() group!: string;
  @IsString() @IsNotEmpty() version!: string;
  @IsString() @IsNotEmpty() kind!: string;
}

export class GroupVersionResourceDto {
  @IsString() group!: string;
  @IsString() @IsNotEmpty() version!: string;
  @IsString() @IsNotEmpty() resource!: string;
}

/**
 * `request` of an AdmissionReview v1, every field the API server sends. Only `uid`, `kind`,
 * `operation` and (for CREATE and UPDATE) `object` are required: a webhook that rejected a review
 * over a field it does not use would turn into an outage (failurePolicy).
 */
export class AdmissionRequestDto {
  @ValidateBy({
    name: 'admissionUid',
    validator: {
      validate: (value) => typeof value === 'string' && value.length > 0 && value.length <= 256,
      defaultMessage: () => 'uid must be a non-empty string of at most 256 characters',
    },
  })
  uid!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => GroupVersionKindDto)
  kind!: GroupVersionKindDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GroupVersionResourceDto)
  resource?: GroupVersionResourceDto;

  @IsOptional() @IsString() subResource?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GroupVersionKindDto)
  requestKind?: GroupVersionKindDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GroupVersionResourceDto)
  requestResource?: GroupVersionResourceDto;

  @IsOptional() @IsString() requestSubResource?: string;

  @IsOptional() @IsString() name?: string;

  @IsOptional() @IsString() namespace?: string;

  @IsIn(OPERATIONS, { message: `operation must be one of ${OPERATIONS.join(', ')}` })
  operation!: AdmissionOperation;

  @IsOptional() @IsObject() @AsSent() userInfo?: Record<string, unknown>;

  @ValidateIf(
    (request: AdmissionRequestDto) =>
      request.operation === 'CREATE' || request.operation === 'UPDATE',
  )
  @IsObject({ message: 'object must be the Kubernetes object for CREATE and UPDATE' })
  @AsSent()
  object?: Record<string, unknown> | null;

  @IsOptional() @IsObject() @AsSent() oldObject?: Record<string, unknown> | null;

  @IsOptional() @IsBoolean() dryRun?: boolean;

  @IsOptional() @IsObject() @AsSent() options?: Record<string, unknown> | null;
}

/** Body of `POST /v1/admission`: an AdmissionReview `admission.k8s.io/v1` with its request. */
export class AdmissionReviewDto {
  @IsIn([ADMISSION_API_VERSION], { message: `apiVersion must be ${ADMISSION_API_VERSION}` })
  apiVersion!: string;

  @IsIn([ADMISSION_KIND], { message: `kind must be ${ADMISSION_KIND}` }) kind!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AdmissionRequestDto)
  request!: AdmissionRequestDto;
}

/** Query of `POST /v1/admission`. */
export class AdmissionQueryDto {
  @IsOptional() @IsIn(['enforce', 'warn'], { message: 'mode must be enforce or warn' }) mode?:
    'enforce' | 'warn';

  /** Overrides ADMISSION_RATCHET; `false` makes a strict gate for this webhook URL. */
  @IsOptional()
  // From the raw query string: implicit conversion would read "false" as true.
  @Transform(({ obj, key }) => {
    const raw = (obj as Record<string, unknown>)[key];
    return raw === 'true' ? true : raw === 'false' ? false : raw;
  })
  @IsBoolean({ message: 'ratchet must be true or false' })
  ratchet?: boolean;
}
