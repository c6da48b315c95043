import { createRequire } from 'node:module';
import type { RE2JS } from '@bufbuild/re2';

/** Required on first use, like @bufbuild/cel (see cel-module.ts): start-up does not load it. */
const require = createRequire(import.meta.url);
let engine: typeof RE2JS | undefined;

/**
 * Regular expressions as the API server runs them: RE2 (Go's regexp), linear in the input, so a
 * CRD's `pattern` or a CEL regex cannot make a validation backtrack for ever. Compiled once per
 * pattern (bounded: a stream of distinct hostile patterns cannot grow the cache without end).
 */
const compiled = new Map<string, RE2JS | null>();
const MAX = 4096;

/** The compiled pattern, or null when RE2 refuses it (the API server refuses such a CRD). */
export function re2(pattern: string): RE2JS | null {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    try {
      engine ??= (require('@bufbuild/re2') as { RE2JS: typeof RE2JS }).RE2JS;
      regex = engine.compile(pattern);
    } catch {
      regex = null;
    }
    if (compiled.size >= MAX) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex;
}

/** Whether the pattern matches anywhere in the value (JSON Schema `pattern` semantics). */
export function re2Test(pattern: string, value: string): boolean {
  const regex = re2(pattern);
  return regex === null || regex.test(value);
}
