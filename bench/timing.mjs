import { performance } from 'node:perf_hooks';

// Small timing helpers shared by the bench scripts.

/** Middle value of the samples (the upper one of an even count). */
export function median(samples) {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

/** Median, min and max of the samples. */
export function spread(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: median(sorted), min: sorted[0], max: sorted.at(-1) };
}

/** Runs fn once: its result and how long it took, in ms. */
export function time(fn) {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}
