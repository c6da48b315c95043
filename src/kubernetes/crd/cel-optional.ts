import type { CelFunc, CelMap, CelValue } from '@bufbuild/cel';
import { celModule } from './cel-module.js';
import { isMarked, markedType, marked } from './cel-marked.js';

/** `opt.hasValue()` and `opt.value()` for the optionals format.validate returns. */
export function optionalFunctions(): readonly CelFunc[] {
  const { CelScalar, celMethod } = celModule();
  const MARKED = markedType();
  return [
    celMethod('hasValue', MARKED, [], CelScalar.BOOL, function () {
      return isMarked(this, 'optional') && this.get('value') !== null;
    }),
    celMethod('value', MARKED, [], CelScalar.DYN, function () {
      if (!isMarked(this, 'optional') || this.get('value') === null)
        throw new Error('optional.none() dereference');
      return this.get('value') as CelValue;
    }),
  ];
}

/** optional.of(value), or optional.none() for null. */
export function optional(value: CelValue | readonly CelValue[] | null): CelMap {
  return marked('optional', { value });
}
