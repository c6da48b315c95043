import { readFileSync } from 'node:fs';

/** podwire's version from package.json (two levels up from src/metrics and dist/metrics). */
export function packageVersion(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    return (JSON.parse(text) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
