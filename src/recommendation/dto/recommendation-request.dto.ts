import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { CallerDto, CallersNameSomeone } from '../../rendering/dto/caller.dto.js';
import {
  fieldMessage,
  isValidFieldValue,
  PROFILE_NAME,
  PROFILE_NAME_MESSAGE,
  PROFILE_NAMESPACE_MESSAGE,
  profileField,
  type DataVolume,
  type Durability,
  type Interaction,
  type LatencyLevel,
  type Mesh,
  type Placement,
  type SecurityLevel,
  type Workload,
} from '../domain/profile.js';

/**
 * One rule per field, taken from the domain's field list: allowed values and messages are the ones
 * chat users see too, and a bad value yields exactly one message naming the field.
 */
function ProfileValue(name: string): PropertyDecorator {
  const field = profileField(name);
  if (!field) throw new Error(`no profile field ${name}`);
  return ValidateBy({
    name: 'profileValue',
    validator: {
      validate: (value) => isValidFieldValue(field, value),
      defaultMessage: () => fieldMessage(field),
    },
  });
}

export class CapabilitiesDto {
  @IsOptional() @ProfileValue('capabilities.mesh') mesh?: Mesh;
  @IsOptional() @ProfileValue('capabilities.rwxStorage') rwxStorage?: boolean;
  @IsOptional() @ProfileValue('capabilities.broker') broker?: boolean;
  @IsOptional() @ProfileValue('capabilities.windowsNodes') windowsNodes?: boolean;
}

export class WeightsDto {
  @IsOptional() @ProfileValue('weights.security') security?: number;
  @IsOptional() @ProfileValue('weights.latency') latency?: number;
  @IsOptional() @ProfileValue('weights.throughput') throughput?: number;
  @IsOptional() @ProfileValue('weights.decoupling') decoupling?: number;
  @IsOptional() @ProfileValue('weights.simplicity') simplicity?: number;
  @IsOptional() @ProfileValue('weights.reliability') reliability?: number;
  @IsOptional() @ProfileValue('weights.portability') portability?: number;
}

/** Body of `POST /v1/recommendations`: the requirement profile of DESIGN §3, every field optional. */
export class RecommendationRequestDto {
  @IsOptional() @ProfileValue('placement') placement?: Placement;
  @IsOptional() @ProfileValue('interaction') interaction?: Interaction;
  @IsOptional() @ProfileValue('security') security?: SecurityLevel;
  @IsOptional() @ProfileValue('encryptionInTransit') encryptionInTransit?: boolean;
  @IsOptional() @ProfileValue('dataVolume') dataVolume?: DataVolume;
  @IsOptional() @ProfileValue('latency') latency?: LatencyLevel;
  @IsOptional() @ProfileValue('durability') durability?: Durability;
  @IsOptional() @ProfileValue('workload') workload?: Workload;
  @IsOptional() @ProfileValue('kubernetesVersion') kubernetesVersion?: string;

  @IsOptional()
  @IsObject({ message: 'capabilities must be an object' })
  @ValidateNested()
  @Type(() => CapabilitiesDto)
  capabilities?: CapabilitiesDto;

  @IsOptional()
  @IsObject({ message: 'weights must be an object' })
  @ValidateNested()
  @Type(() => WeightsDto)
  weights?: WeightsDto;

  @IsOptional() @ProfileValue('limit') limit?: number;

  @IsOptional()
  @IsString({ message: PROFILE_NAME_MESSAGE })
  @MaxLength(40, { message: PROFILE_NAME_MESSAGE })
  @Matches(PROFILE_NAME, { message: PROFILE_NAME_MESSAGE })
  name?: string;

  @IsOptional()
  @IsString({ message: PROFILE_NAMESPACE_MESSAGE })
  @MaxLength(63, { message: PROFILE_NAMESPACE_MESSAGE })
  @Matches(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { message: PROFILE_NAMESPACE_MESSAGE })
  namespace?: string;

  /** Same entries as render's `options.callers`. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @ValidateNested({ each: true })
  @Type(() => CallerDto)
  @CallersNameSomeone()
  callers?: CallerDto[];
}
