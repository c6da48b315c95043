import { readFileSync, writeFileSync } from 'node:fs';

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColour(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && !process.env.NO_COLOR;
}

/** Writes to `--output FILE`, or stdout. */
export function emit(text: string, output?: string): void {
  if (output) writeFileSync(output, text);
  else process.stdout.write(text);
}

export function toolVersion(): string {
  try {
    const url = new URL('../../package.json', import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
