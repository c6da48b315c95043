/**
 * The one name a misspelt reference most likely meant (DESIGN §11: a "did you mean" is safe only
 * when exactly one name fits). A candidate fits when it differs only in case, or within a small
 * edit distance (optimal string alignment: a swap of two letters is one edit): 1 for names of 3–4
 * characters, 2 from 5 on, none below (every two-letter name is two edits from every other).
 * A unique case-insensitive match wins; otherwise exactly one candidate may fit.
 */
export function closeMatch(name: string, candidates: Iterable<string>): string | undefined {
  const distinct = [...new Set(candidates)].filter((candidate) => candidate !== name);
  const sameCase = distinct.filter((c) => c.toLowerCase() === name.toLowerCase());
  if (sameCase.length === 1) return sameCase[0];
  if (sameCase.length > 1) return undefined;
  const limit = name.length >= 5 ? 2 : name.length >= 3 ? 1 : 0;
  if (limit === 0) return undefined;
  const close = distinct.filter((candidate) => editDistance(name, candidate, limit) <= limit);
  return close.length === 1 ? close[0] : undefined;
}

/** Optimal string alignment distance, or `limit + 1` as soon as it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, twoBack[j - 2] + 1);
      }
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    twoBack = previous;
    previous = row;
  }
  return previous[b.length];
}

/**
 * `closeMatch` for port and listener names, where one name plus `s` is usually its TLS variant
 * (`http`/`https`, `grpc`/`grpcs`, `ldap`/`ldaps`): a different port, not a typo, so no match.
 */
export function closePortName(name: string, candidates: Iterable<string>): string | undefined {
  const match = closeMatch(name, candidates);
  if (match === undefined) return undefined;
  const [a, b] = [name.toLowerCase(), match.toLowerCase()];
  return a === `${b}s` || b === `${a}s` ? undefined : match;
}
