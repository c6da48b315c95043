import { IsIn, IsOptional } from 'class-validator';
import { ValidateQueryDto } from './validate-request.dto.js';

/**
 * `POST /v1/manifests/fix` takes what validate takes; `apply` is a query parameter whatever the
 * body (a JSON body's options stay in the body, as for validate): `safe` (default) or `all`.
 */
export class FixQueryDto extends ValidateQueryDto {
  @IsOptional()
  @IsIn(['safe', 'all'])
  apply?: 'safe' | 'all';
}
