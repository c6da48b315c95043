import type { CelFunc, CelMap } from '@bufbuild/cel';
import { celModule } from './cel-module.js';
import { field, markedType, marked } from './cel-marked.js';
import { parseQuantity } from './quantity.js';

/** k8s.io/apiserver/pkg/cel/library/quantity.go; the value is a double (exact for the amounts CRD rules compare). */

function value(q: CelMap): number {
  return field<number>(q, 'quantity', 'value');
}

function quantity(text: string): CelMap {
  const parsed = parseQuantity(text);
  if (parsed === undefined) throw new Error(`invalid quantity: ${JSON.stringify(text)}`);
  return marked('quantity', { value: parsed, text });
}

export function quantityFunctions(): readonly CelFunc[] {
  const { CelScalar, celFunc, celMethod } = celModule();
  const Q = markedType();
  return [
    celFunc('quantity', [CelScalar.STRING], Q, (text) => quantity(text)),
    celFunc(
      'isQuantity',
      [CelScalar.STRING],
      CelScalar.BOOL,
      (text) => parseQuantity(text) !== undefined,
    ),
    celMethod('sign', Q, [], CelScalar.INT, function () {
      return BigInt(Math.sign(value(this)));
    }),
    celMethod('isInteger', Q, [], CelScalar.BOOL, function () {
      return Number.isSafeInteger(value(this));
    }),
    celMethod('asInteger', Q, [], CelScalar.INT, function () {
      const v = value(this);
      if (!Number.isSafeInteger(v)) throw new Error('cannot convert value to integer');
      return BigInt(v);
    }),
    celMethod('asApproximateFloat', Q, [], CelScalar.DOUBLE, function () {
      return value(this);
    }),
    celMethod('compareTo', Q, [Q], CelScalar.INT, function (other) {
      return BigInt(Math.sign(value(this) - value(other)));
    }),
    celMethod('isGreaterThan', Q, [Q], CelScalar.BOOL, function (other) {
      return value(this) > value(other);
    }),
    celMethod('isLessThan', Q, [Q], CelScalar.BOOL, function (other) {
      return value(this) < value(other);
    }),
    celMethod('add', Q, [Q], Q, function (other) {
      return marked('quantity', { value: value(this) + value(other), text: '' });
    }),
    celMethod('add', Q, [CelScalar.INT], Q, function (other) {
      return marked('quantity', { value: value(this) + Number(other), text: '' });
    }),
    celMethod('sub', Q, [Q], Q, function (other) {
      return marked('quantity', { value: value(this) - value(other), text: '' });
    }),
    celMethod('sub', Q, [CelScalar.INT], Q, function (other) {
      return marked('quantity', { value: value(this) - Number(other), text: '' });
    }),
  ];
}
