import { createRequire } from 'node:module';
import type * as Cel from '@bufbuild/cel';
import type * as CelExt from '@bufbuild/cel/ext';

/**
 * @bufbuild/cel (with protobuf) costs ~10 MB and a few hundred ms to load: it is required on first
 * use, i.e. by the first CRD rule podwire compiles, so start-up and idle memory do not pay for it.
 * Synchronous (the validation engine is), hence require of the package's CommonJS build; every
 * runtime use goes through here, so only that one copy is ever loaded.
 */
const require = createRequire(import.meta.url);

export type CelModule = typeof Cel;

let cel: CelModule | undefined;
let ext: typeof CelExt | undefined;

export function celModule(): CelModule {
  return (cel ??= require('@bufbuild/cel') as CelModule);
}

export function celExt(): typeof CelExt {
  return (ext ??= require('@bufbuild/cel/ext') as typeof CelExt);
}
