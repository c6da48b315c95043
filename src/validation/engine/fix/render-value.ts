import { resolvePlain } from '../parse.js';

/**
 * YAML text of the values a fix inserts, written as a person would: plain scalars where YAML
 * (as Kubernetes reads it, go-yaml v2) gives back the same string, else double quotes; block
 * mappings and sequences in block context, `{ }` / `[ ]` inside a flow collection.
 */

const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

/** A string that reads back as itself when written without quotes. */
function plainSafe(text: string, flow: boolean): boolean {
  if (text === '' || INDICATOR_START.test(text) || /\s$/.test(text)) return false;
  if (/[\n\t]|: |:$| #/.test(text)) return false;
  if (flow && /[,[\]{}]/.test(text)) return false;
  return resolvePlain(text) === text;
}

export function renderScalar(value: unknown, flow: boolean): string {
  if (typeof value === 'string') return plainSafe(value, flow) ? value : JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  return String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function renderFlow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`;
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${renderScalar(k, true)}: ${renderFlow(v)}`).join(', ')} }`;
  }
  return renderScalar(value, true);
}

/** `key: value` lines at `indent`, each ending in a newline; nested levels `step` deeper. */
export function renderBlockEntry(
  key: string,
  value: unknown,
  indent: string,
  step: string,
): string {
  const head = `${indent}${renderScalar(key, false)}:`;
  if (isRecord(value) && Object.keys(value).length > 0) {
    return `${head}\n${renderBlockMap(value, indent + step, step)}`;
  }
  if (Array.isArray(value) && value.length > 0) {
    return `${head}\n${renderBlockSeq(value, indent + step, step)}`;
  }
  return `${head} ${renderFlow(value)}\n`;
}

export function renderBlockMap(
  value: Record<string, unknown>,
  indent: string,
  step: string,
): string {
  return Object.entries(value)
    .map(([k, v]) => renderBlockEntry(k, v, indent, step))
    .join('');
}

export function renderBlockSeq(items: unknown[], indent: string, step: string): string {
  return items.map((item) => renderBlockSeqItem(item, indent, step)).join('');
}

/** One `- item` of a block sequence whose dashes are at `indent`. */
export function renderBlockSeqItem(item: unknown, indent: string, step: string): string {
  if (isRecord(item) && Object.keys(item).length > 0) {
    // The first entry shares the dash's line; the others line up under it.
    const body = renderBlockMap(item, `${indent}  `, step);
    return `${indent}- ${body.slice(indent.length + 2)}`;
  }
  return `${indent}- ${renderFlow(item)}\n`;
}
