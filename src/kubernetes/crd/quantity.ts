/**
 * A Kubernetes resource.Quantity (k8s.io/apimachinery/pkg/api/resource): `<signed number><suffix>`
 * with a binary (Ki…Ei), decimal SI (n u m "" k M G T P E) or decimal exponent (e3, E-2) suffix.
 * Returns the value as a double, or undefined when the text is not a quantity.
 */
const QUANTITY =
  /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const SUFFIX: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

export function parseQuantity(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, number, suffix] = match;
  const base = Number(number);
  if (suffix === undefined) return base;
  const factor = SUFFIX[suffix] ?? 10 ** Number(suffix.slice(1));
  return base * factor;
}
