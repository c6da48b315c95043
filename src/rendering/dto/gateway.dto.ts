import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `options.gateway`: the existing Gateway the rendered HTTPRoute attaches to (GatewayInput). */
export class GatewayDto {
  @IsString()
  @MaxLength(253)
  @Matches(DNS_SUBDOMAIN, { message: '$property must be a DNS-1123 subdomain (a Gateway name)' })
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(63)
  @Matches(DNS_LABEL, { message: '$property must be a DNS-1123 label (a namespace name)' })
  namespace?: string;

  // Gateway API SectionName: a DNS-1123 subdomain of at most 253 characters.
  @IsOptional()
  @IsString()
  @MaxLength(253)
  @Matches(DNS_SUBDOMAIN, {
    message: '$property must be a DNS-1123 subdomain (a listener name)',
  })
  sectionName?: string;
}
