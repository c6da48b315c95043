/**
 * The string syntaxes the Kubernetes API server checks names, label keys and label values with,
 * ported from k8s.io/apimachinery `pkg/util/validation/validation.go` (IsQualifiedName,
 * IsValidLabelValue, IsDNS1123Label, IsDNS1123Subdomain, IsDNS1035Label), `pkg/api/validation/
 * generic.go` (NameIsDNSSubdomain & co. with maskTrailingDash) and `pkg/api/validation/path/name.go`
 * (IsValidPathSegmentName). Each function returns the API server's reasons, empty when valid; the
 * messages follow apimachinery's wording so a user can match them to `kubectl apply` errors.
 */

const QNAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export const QUALIFIED_NAME_MAX = 63;
export const LABEL_VALUE_MAX = 63;
export const DNS1123_LABEL_MAX = 63;
export const DNS1123_SUBDOMAIN_MAX = 253;
export const DNS1035_LABEL_MAX = 63;
/** apimachinery `TotalAnnotationSizeLimitB`: 256 KiB over every key and value. */
export const ANNOTATIONS_TOTAL_MAX = 256 * 1024;

/** Go's len(): the length in UTF-8 bytes, which is what every apimachinery limit counts. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function tooLong(max: number): string {
  return `must be no more than ${max} characters`;
}

export function isDNS1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX) errors.push(tooLong(DNS1123_SUBDOMAIN_MAX));
  if (!DNS1123_SUBDOMAIN.test(value))
    errors.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
    );
  return errors;
}

export function isDNS1123Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX) errors.push(tooLong(DNS1123_LABEL_MAX));
  if (!DNS1123_LABEL.test(value))
    errors.push(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
    );
  return errors;
}

export function isDNS1035Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > DNS1035_LABEL_MAX) errors.push(tooLong(DNS1035_LABEL_MAX));
  if (!DNS1035_LABEL.test(value))
    errors.push(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
    );
  return errors;
}

/** path.IsValidPathSegmentName (RBAC objects): anything but `.`, `..`, `/` and `%`. */
export function isValidPathSegmentName(value: string): string[] {
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  const errors: string[] = [];
  for (const illegal of ['/', '%'])
    if (value.includes(illegal)) errors.push(`may not contain '${illegal}'`);
  return errors;
}

/** path.IsValidPathSegmentPrefix: what a generateName of a path-segment-named kind must meet. */
export function isValidPathSegmentPrefix(value: string): string[] {
  const errors: string[] = [];
  for (const illegal of ['/', '%'])
    if (value.includes(illegal)) errors.push(`may not contain '${illegal}'`);
  return errors;
}

/**
 * apimachinery's maskTrailingDash, quirk included: a generateName ending in "-" has its last
 * *two* characters replaced by "a" before it is checked (so "a-" becomes "a", "web-" "wea").
 */
export function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? name.slice(0, -2) + 'a' : name;
}

/**
 * IsQualifiedName: `[prefix/]name`, the prefix a DNS-1123 subdomain, the name at most 63
 * characters of alphanumerics, '-', '_' and '.', starting and ending with an alphanumeric.
 */
export function isQualifiedName(value: string): string[] {
  const parts = value.split('/');
  let name: string;
  const errors: string[] = [];
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix === '') errors.push('prefix part must be non-empty');
    else for (const message of isDNS1123Subdomain(prefix)) errors.push(`prefix part ${message}`);
  } else {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name === '') errors.push('name part must be non-empty');
  else if (byteLength(name) > QUALIFIED_NAME_MAX)
    errors.push(`name part ${tooLong(QUALIFIED_NAME_MAX)}`);
  if (name !== '' && !QNAME.test(name))
    errors.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
    );
  return errors;
}

/** IsValidLabelValue: empty, or at most 63 characters shaped like a qualified name's name part. */
export function isValidLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX) errors.push(tooLong(LABEL_VALUE_MAX));
  if (!LABEL_VALUE.test(value))
    errors.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
    );
  return errors;
}
