/**
 * Kubernetes resource quantities, as far as rendering needs them: validating the forms we accept
 * and comparing sizes (a request must not exceed its limit; a tmpfs must fit in the memory limit).
 */

/** CPU: whole or decimal cores (`0.5`, `2`) or millicores (`250m`). */
export const CPU_QUANTITY = /^(?:\d+(?:\.\d{1,3})?|\.\d{1,3})m?$/;

/**
 * Bytes: a number with an optional binary (`Ki`…`Ei`) or decimal (`k`…`E`) suffix. The `m` suffix
 * is legal Kubernetes syntax but means millibytes (`400m` = 0.4 bytes): never what anyone meant.
 */
export const BYTES_QUANTITY = /^(?:\d+(?:\.\d{1,3})?|\.\d{1,3})(?:Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

const FACTORS: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The value of a quantity in base units (cores or bytes); NaN when it is not one we accept. */
export function quantityValue(text: string): number {
  const m = /^(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/.exec(text);
  if (!m) return Number.NaN;
  return Number(m[1]) * FACTORS[m[2] ?? ''];
}

/** Formats bytes as the largest binary unit that keeps an integer (`192Mi`), for rendered limits. */
export function formatBytes(bytes: number): string {
  for (const unit of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const) {
    const f = FACTORS[unit];
    if (bytes >= f && Number.isInteger(bytes / f)) return `${bytes / f}${unit}`;
  }
  return String(Math.ceil(bytes));
}

/** `a + b` for byte quantities, rounded up to whole MiB so the result reads like one a human writes. */
export function addBytes(a: string, b: string): string {
  const mib = 2 ** 20;
  return formatBytes(Math.ceil((quantityValue(a) + quantityValue(b)) / mib) * mib);
}
