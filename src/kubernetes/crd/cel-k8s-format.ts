import type { CelFunc, CelMap } from '@bufbuild/cel';
import { celModule } from './cel-module.js';
import { field, markedType, marked } from './cel-marked.js';
import { optional } from './cel-optional.js';

/**
 * k8s.io/apiserver/pkg/cel/library/format.go: `format.dns1123Label().validate(s)` is
 * optional.none() when s is valid, else optional.of(<list of error messages>).
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BYTE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

type Check = (value: string) => string[];

function pattern(regex: RegExp, max: number, what: string): Check {
  return (value) => {
    const errors: string[] = [];
    if (value.length > max) errors.push(`must be no more than ${max} characters`);
    if (!regex.test(value)) errors.push(`a ${what} must match the regex ${regex.source}`);
    return errors;
  };
}

/** The `*Prefix` forms (generateName): a trailing dash is allowed. */
function prefix(check: Check): Check {
  return (value) => check(value.endsWith('-') ? value.slice(0, -1) : value);
}

function qualifiedName(value: string): string[] {
  const parts = value.split('/');
  const name = parts[parts.length - 1];
  const errors: string[] = [];
  if (parts.length > 2) return ['a qualified name must consist of an optional prefix and a name'];
  if (parts.length === 2)
    errors.push(...CHECKS.dns1123Subdomain(parts[0]).map((e) => `prefix part ${e}`));
  if (name.length === 0 || name.length > 63 || !QUALIFIED_PART.test(name))
    errors.push(`name part must be 1-63 characters matching ${QUALIFIED_PART.source}`);
  return errors;
}

const CHECKS: Readonly<Record<string, Check>> = {
  dns1123Label: pattern(DNS1123_LABEL, 63, 'lowercase RFC 1123 label'),
  dns1123Subdomain: pattern(DNS1123_SUBDOMAIN, 253, 'lowercase RFC 1123 subdomain'),
  dns1035Label: pattern(DNS1035_LABEL, 63, 'DNS-1035 label'),
  qualifiedName,
  labelValue: pattern(LABEL_VALUE, 63, 'valid label'),
  uuid: (value) => (UUID.test(value) ? [] : ['does not match the UUID format']),
  byte: (value) => (BYTE.test(value) ? [] : ['invalid base64']),
  date: (value) => (DATE.test(value) ? [] : ['does not match the date format (yyyy-mm-dd)']),
  datetime: (value) =>
    DATETIME.test(value) ? [] : ['does not match the RFC 3339 date-time format'],
  uri: (value) => (/^[a-zA-Z][a-zA-Z0-9+.-]*:|^\//.test(value) ? [] : ['invalid URI']),
};

const ALL: Readonly<Record<string, Check>> = {
  ...CHECKS,
  dns1123LabelPrefix: prefix(CHECKS.dns1123Label),
  dns1123SubdomainPrefix: prefix(CHECKS.dns1123Subdomain),
  dns1035LabelPrefix: prefix(CHECKS.dns1035Label),
};

function format(name: string): CelMap {
  if (!Object.hasOwn(ALL, name)) throw new Error(`unknown format: ${name}`);
  return marked('format', { name });
}

export function formatFunctions(): readonly CelFunc[] {
  const { CelScalar, celFunc, celMethod } = celModule();
  const MARKED = markedType();
  return [
    ...Object.keys(ALL).map((name) => celFunc(`format.${name}`, [], MARKED, () => format(name))),
    celFunc('format.named', [CelScalar.STRING], MARKED, (name) => format(name)),
    celMethod('validate', MARKED, [CelScalar.STRING], MARKED, function (value) {
      const errors = ALL[field<string>(this, 'format', 'name')](value);
      return optional(errors.length === 0 ? null : errors);
    }),
  ];
}
