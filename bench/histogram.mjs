// Reads a Prometheus histogram from /metrics text and estimates a quantile of what was observed
// between two readings (linear within a bucket, as PromQL's histogram_quantile does).

/** Cumulative bucket counts of `name`, as [[upperBound, count], …] in order (+Inf last). */
export function readHistogram(text, name) {
  const buckets = [];
  const pattern = new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\d+(?:\\.\\d+)?)$`, 'gm');
  for (const [, le, count] of text.matchAll(pattern)) {
    buckets.push([le === '+Inf' ? Infinity : Number(le), Number(count)]);
  }
  return buckets;
}

/** The q-quantile of the observations made between `before` and `after`; undefined if none. */
export function quantileBetween(before, after, q) {
  const delta = after.map(([le, count], i) => [le, count - (before[i]?.[1] ?? 0)]);
  const total = delta.at(-1)?.[1] ?? 0;
  if (total === 0) return undefined;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [le, count] of delta) {
    if (count >= rank) {
      // Beyond the last finite bound nothing can be interpolated: report that bound.
      if (le === Infinity) return { value: lower, upperBound: Infinity, count: total };
      const value = lower + ((le - lower) * (rank - below)) / Math.max(count - below, 1);
      return { value, upperBound: le, count: total };
    }
    lower = le;
    below = count;
  }
  return undefined;
}
