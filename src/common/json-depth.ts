/** Deepest nesting any JSON body or query parameter may have. */
export const MAX_DEPTH = 100;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether raw JSON nests deeper than `max`, scanned before parsing: class-transformer and other
 * recursive code overflow the stack on a few thousand levels (a 14 KB body). Works on UTF-8 bytes
 * (multi-byte sequences never contain ASCII) and ignores brackets inside strings.
 */
export function jsonTooDeep(buf: Uint8Array, max = MAX_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const byte = buf[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
  return false;
}

/**
 * The first query parameter whose name nests deeper than `max` (`a.b.c`, `a[b][c]`), if any:
 * GET /v1/recommendations turns dotted names into nested objects.
 */
export function deepQueryParameter(url: string, max = MAX_DEPTH): string | undefined {
  const start = url.indexOf('?');
  if (start < 0) return undefined;
  for (const pair of url.slice(start + 1).split('&')) {
    const raw = pair.split('=', 1)[0].replace(/\+/g, ' ');
    let name = raw;
    try {
      name = decodeURIComponent(raw);
    } catch {
      // Undecodable names are the handler's to reject; count the raw separators.
    }
    let depth = 1;
    for (const char of name) if (char === '.' || char === '[') depth++;
    if (depth > max) return name;
  }
  return undefined;
}
