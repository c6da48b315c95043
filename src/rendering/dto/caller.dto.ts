import { IsObject, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A label key (`[prefix/]name`) and value as the API server checks them. */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  return (
    LABEL_NAME.test(name) &&
    (prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix)))
  );
}

function isLabelMap(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    entries.length <= 32 &&
    entries.every(([k, v]) => isLabelKey(k) && typeof v === 'string' && LABEL_VALUE.test(v))
  );
}

/** One entry of `options.callers` (and of the profile's `callers`): see CallerInput. */
export class CallerDto {
  @IsOptional()
  @IsString()
  @MaxLength(63)
  @Matches(DNS_LABEL, { message: '$property must be a DNS-1123 label (a namespace name)' })
  namespace?: string;

  @IsOptional()
  @IsObject()
  @ValidateBy({
    name: 'isLabelMap',
    validator: {
      validate: isLabelMap,
      defaultMessage: () =>
        '$property must map 1 to 32 label keys to label values, as Kubernetes labels allow',
    },
  })
  podLabels?: Record<string, string>;

  @IsOptional()
  @IsString()
  @MaxLength(253)
  @Matches(DNS_SUBDOMAIN, {
    message: '$property must be a DNS-1123 subdomain (a ServiceAccount name)',
  })
  serviceAccount?: string;
}

/**
 * Every entry of a callers list names at least one part: an empty entry would admit nobody in a
 * mesh policy and everybody in a NetworkPolicy peer, so it is refused rather than guessed.
 */
export function CallersNameSomeone(): PropertyDecorator {
  return ValidateBy({
    name: 'callersNameSomeone',
    validator: {
      validate: (value: unknown) =>
        !Array.isArray(value) ||
        value.every(
          (c) =>
            c === null ||
            typeof c !== 'object' ||
            Object.values(c as Record<string, unknown>).some((v) => v !== undefined && v !== null),
        ),
      defaultMessage: () =>
        'each entry of $property must name a namespace, podLabels or a serviceAccount',
    },
  });
}
