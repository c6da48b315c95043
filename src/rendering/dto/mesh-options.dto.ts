import { Type } from 'class-transformer';
import {
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { GATEWAY_DURATION } from '../renderers/mesh-route.js';

const DURATION_MESSAGE =
  '$property must be a Gateway API duration: 1 to 4 groups of up to 5 digits with h, m, s or ms (e.g. "10s", "1m30s", "250ms")';

/** `options.route.retries` of service-mesh: see MeshRouteInput. */
export class MeshRetriesDto {
  @IsInt({ message: '$property must be an integer from 1 to 10' })
  @Min(1, { message: '$property must be an integer from 1 to 10' })
  @Max(10, { message: '$property must be an integer from 1 to 10' })
  attempts: number;

  @IsOptional()
  @IsString()
  @Matches(GATEWAY_DURATION, { message: DURATION_MESSAGE })
  perTryTimeout?: string;
}

/** `options.route` of service-mesh: a GAMMA HTTPRoute with timeouts and retries for the app. */
export class MeshRouteDto {
  @IsOptional()
  @IsString()
  @Matches(GATEWAY_DURATION, { message: DURATION_MESSAGE })
  timeout?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MeshRetriesDto)
  retries?: MeshRetriesDto;
}
