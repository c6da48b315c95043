import type { CelFunc, CelList, CelValue } from '@bufbuild/cel';
import { celExt, celModule } from './cel-module.js';
import { ipFunctions } from './cel-k8s-ip.js';
import { optionalFunctions } from './cel-optional.js';
import { quantityFunctions } from './cel-k8s-quantity.js';
import { formatFunctions } from './cel-k8s-format.js';
import { urlFunctions } from './cel-k8s-url.js';
import { re2 } from './re2.js';

/**
 * The Kubernetes CEL libraries CRD rules use (k8s.io/apiserver/pkg/cel/library: lists, regex,
 * quantity, url, ip/cidr, format; cel-go's strings extension), on top of @bufbuild/cel's standard
 * library. @bufbuild/cel has no custom object types or optionals, so Quantity, URL, IP, CIDR and
 * the optional returned by `format.<name>().validate()` are maps tagged with a private key
 * (see cel-marked.ts); their methods check the tag, so a plain map never matches them.
 * Functions not listed here make the evaluator answer "unbound function": the caller reports
 * that rule as unsupported (info), never as a violation.
 */

function items(list: CelList): CelValue[] {
  return [...list];
}

function compare(a: CelValue, b: CelValue): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (
    (typeof a === 'number' || typeof a === 'bigint') &&
    (typeof b === 'number' || typeof b === 'bigint')
  ) {
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new Error('no such overload: elements are not comparable');
}

function same(a: CelValue, b: CelValue): boolean {
  if (typeof a === 'bigint' || typeof a === 'number') {
    return (typeof b === 'bigint' || typeof b === 'number') && Number(a) === Number(b);
  }
  return a === b;
}

function extreme(list: CelList, sign: 1 | -1): CelValue {
  const all = items(list);
  if (all.length === 0) throw new Error('min/max of an empty list');
  let best = all[0];
  for (const value of all) if (compare(value, best) * sign > 0) best = value;
  return best;
}

function lists(): CelFunc[] {
  const { CelScalar, celMethod, listType } = celModule();
  const DYN = CelScalar.DYN;
  const LIST = listType(DYN);
  return [
    celMethod('isSorted', LIST, [], CelScalar.BOOL, function () {
      const all = items(this);
      for (let i = 1; i < all.length; i++) if (compare(all[i - 1], all[i]) > 0) return false;
      return true;
    }),
    celMethod('sum', LIST, [], DYN, function () {
      const all = items(this);
      if (all.length === 0) return 0n;
      if (all.every((value) => typeof value === 'bigint'))
        return (all as bigint[]).reduce((a, b) => a + b, 0n);
      return all.reduce<number>((a, b) => a + Number(b), 0);
    }),
    celMethod('min', LIST, [], DYN, function () {
      return extreme(this, -1);
    }),
    celMethod('max', LIST, [], DYN, function () {
      return extreme(this, 1);
    }),
    celMethod('indexOf', LIST, [DYN], CelScalar.INT, function (needle) {
      return BigInt(items(this).findIndex((value) => same(value, needle)));
    }),
    celMethod('lastIndexOf', LIST, [DYN], CelScalar.INT, function (needle) {
      const all = items(this);
      for (let i = all.length - 1; i >= 0; i--) if (same(all[i], needle)) return BigInt(i);
      return -1n;
    }),
  ];
}

/**
 * find/findAll need match positions, which @bufbuild/re2 does not expose: the JS engine finds
 * them, but only in text RE2 has first seen to match, so it never backtracks through a failing
 * search (where catastrophic backtracking happens).
 */
function matchesIn(pattern: string, text: string, limit: number): string[] {
  const guard = re2(pattern);
  if (guard === null) throw new Error(`invalid RE2 regular expression: ${pattern}`);
  const js = new RegExp(pattern, 'gu');
  const out: string[] = [];
  while (
    out.length < limit &&
    js.lastIndex <= text.length &&
    guard.test(text.slice(js.lastIndex))
  ) {
    const match = js.exec(text);
    if (!match) break;
    out.push(match[0]);
    if (match[0] === '') js.lastIndex++;
  }
  return out;
}

function regexes(): CelFunc[] {
  const { CelScalar, celMethod, listType } = celModule();
  return [
    celMethod('find', CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (pattern) {
      return matchesIn(pattern, this, 1)[0] ?? '';
    }),
    celMethod(
      'findAll',
      CelScalar.STRING,
      [CelScalar.STRING],
      listType(CelScalar.STRING),
      function (pattern) {
        return matchesIn(pattern, this, Infinity);
      },
    ),
    celMethod(
      'findAll',
      CelScalar.STRING,
      [CelScalar.STRING, CelScalar.INT],
      listType(CelScalar.STRING),
      function (pattern, limit) {
        return matchesIn(pattern, this, limit < 0n ? Infinity : Number(limit));
      },
    ),
  ];
}

/** Built on first use (see cel-module.ts). */
export function k8sCelFunctions(): readonly CelFunc[] {
  return [
    ...celExt().strings,
    ...lists(),
    ...regexes(),
    ...optionalFunctions(),
    ...quantityFunctions(),
    ...urlFunctions(),
    ...ipFunctions(),
    ...formatFunctions(),
  ];
}
