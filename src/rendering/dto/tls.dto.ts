import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ISSUER_KINDS, type IssuerKind } from '../renderers/types.js';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The cert-manager issuer that signs the certificate (`issuerRef` of the rendered Certificate). */
export class TlsIssuerDto {
  @IsString()
  @MaxLength(253)
  @Matches(DNS_SUBDOMAIN, { message: '$property must be a DNS-1123 subdomain (an issuer name)' })
  name: string;

  @IsOptional()
  @IsIn(ISSUER_KINDS)
  kind?: IssuerKind;
}

/** `options.tls`: see TlsInput. */
export class TlsDto {
  @IsOptional()
  @IsString()
  @MaxLength(253)
  @Matches(DNS_SUBDOMAIN, { message: '$property must be a DNS-1123 subdomain (a Secret name)' })
  secretName?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TlsIssuerDto)
  issuer?: TlsIssuerDto;
}
