/**
 * The Kubernetes quantity grammar (apimachinery resource.Quantity): a signed decimal number, then a
 * binary suffix (Ki…Ei), a decimal SI suffix (m, k, M, G, T, P, E or none) or an exponent (e3, E-2).
 * `1.5Gb`, `1.5 Gi` and `Ki` are rejected by the API server; so are they here.
 */
const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[KMGTPE]i|[mkMGTPE]|[eE][+-]?\d+)?$/;

export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

/** RFC 3339 date-time, as metav1.Time accepts it. */
const DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export function isDateTime(value: string): boolean {
  return DATE_TIME.test(value);
}

/** Standard, padded base64 as Go's encoding/json decodes []byte (line breaks are skipped). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(value: string): boolean {
  return BASE64.test(
    value.includes('\n') || value.includes('\r') ? value.replace(/[\r\n]/g, '') : value,
  );
}
