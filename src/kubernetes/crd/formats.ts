import { isIP } from 'node:net';

/**
 * The string formats the API server checks in CRD schemas (k8s.io/kube-openapi/pkg/validation/strfmt,
 * as apiextensions-apiserver registers them). Formats it does not know (and int32, int64, float,
 * double, which constrain numbers) are not checked, as there.
 */
const CHECKS: Readonly<Record<string, (value: string) => boolean>> = {
  'date-time': (v) =>
    /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(v),
  datetime: (v) => CHECKS['date-time'](v),
  date: (v) => /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v),
  byte: (v) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v),
  uri: (v) => /^([a-zA-Z][a-zA-Z0-9+.-]*:|\/)\S*$/.test(v),
  email: (v) => /^[^\s@]+@[^\s@]+$/.test(v),
  hostname: (v) =>
    v.length <= 255 &&
    /^[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*\.?$/.test(
      v,
    ),
  ipv4: (v) => isIP(v) === 4,
  ipv6: (v) => isIP(v) === 6,
  cidr: (v) => {
    const [address, prefix, extra] = v.split('/');
    const family = isIP(address);
    return (
      extra === undefined &&
      family !== 0 &&
      /^\d{1,3}$/.test(prefix ?? '') &&
      Number(prefix) <= (family === 4 ? 32 : 128)
    );
  },
  mac: (v) => /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/.test(v),
  uuid: (v) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(v),
  duration: (v) =>
    /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h|d|w))+$/.test(v.replace(/\s+/g, '')) || v === '0',
};

/** True when the value has the format, or the format is one the API server does not check. */
export function checkFormat(format: string, value: string): boolean {
  const check = CHECKS[format];
  return check === undefined || check(value);
}
