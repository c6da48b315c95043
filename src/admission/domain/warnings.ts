import type { Finding } from '../../validation/engine/result.js';

/**
 * Admission warnings reach the user as HTTP `Warning: 299` headers, which kubectl prints. The API
 * server asks for ≤ 120 characters each where possible, may truncate beyond 256, and drops all
 * warnings of a request beyond 4,096 characters in total (from every webhook together), so
 * podwire stays clearly below that.
 */
export const MAX_WARNING_CHARS = 120;
export const MAX_WARNINGS_BYTES = 3_500;

const ELLIPSIS = '…';

/**
 * One line per finding, errors first: `ruleId (severity): message (at field.path)`, cut to 120
 * characters. Errors in `inherited` (the old object had them: ratcheting) read `(inherited
 * error)`. `notes` (podwire's own remarks) come first. When the total would pass the byte
 * budget, the rest is summarised in a last line.
 */
export function formatWarnings(
  findings: readonly Finding[],
  notes: readonly string[] = [],
  inherited: ReadonlySet<Finding> = new Set(),
): string[] {
  const ordered = [
    ...findings.filter((f) => f.severity === 'error'),
    ...findings.filter((f) => f.severity !== 'error'),
  ];
  const lines = [
    ...notes.map((note) => truncate(note, MAX_WARNING_CHARS)),
    ...ordered.map((f) => formatFinding(f, inherited.has(f))),
  ];
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const size = Buffer.byteLength(lines[i], 'utf8');
    const rest = lines.length - i - 1;
    // Keep room for the summary line unless this is the last line.
    const reserve = rest > 0 ? Buffer.byteLength(summary(rest + 1), 'utf8') : 0;
    if (used + size + reserve > MAX_WARNINGS_BYTES) {
      out.push(summary(lines.length - i));
      return out;
    }
    out.push(lines[i]);
    used += size;
  }
  return out;
}

function summary(omitted: number): string {
  return `… and ${omitted} more finding${omitted === 1 ? '' : 's'}: validate the object with podwire for the full list`;
}

/** A path longer than this is shortened to its last segments when the line is too long. */
const SHORT_PATH_CHARS = 30;
/** A message cut shorter than this loses its point: the path is left out instead. */
const MIN_MESSAGE_CHARS = 30;

/**
 * What a reader needs first comes first: the rule id and the message; the field path (often
 * long: `spec.template.spec.containers[1]…`) is last. When the line would pass 120 characters,
 * the path keeps only its last segments, which name the field (`…ports[0].containerPort`), and
 * the message is cut to the room left.
 */
export function formatFinding(finding: Finding, inherited = false): string {
  const field = toFieldPath(finding.path);
  const severity = inherited ? `inherited ${finding.severity}` : finding.severity;
  const prefix = `${finding.ruleId} (${severity}): `;
  const at = (path: string) => (path ? ` (at ${path})` : '');
  const whole = prefix + finding.message + at(field);
  if (length(whole) <= MAX_WARNING_CHARS) return whole;
  const spare = MAX_WARNING_CHARS - length(prefix) - length(finding.message) - length(at('x')) + 1;
  let suffix = at(shortenPath(field, Math.max(SHORT_PATH_CHARS, spare)));
  let room = MAX_WARNING_CHARS - length(prefix) - length(suffix);
  if (room < Math.min(MIN_MESSAGE_CHARS, length(finding.message))) {
    suffix = '';
    room = MAX_WARNING_CHARS - length(prefix);
  }
  return truncate(prefix + truncate(finding.message, room) + suffix, MAX_WARNING_CHARS);
}

/** The last segments of a field path within `max` characters, marked `…` when shortened. */
function shortenPath(field: string, max: number): string {
  const chars = [...field];
  if (chars.length <= max) return field;
  const tail = chars.slice(chars.length - (max - 1)).join('');
  const before = chars[chars.length - max];
  if (tail.startsWith('[') || before === '.') return ELLIPSIS + tail;
  // Start at the next segment rather than in the middle of a name.
  const next = tail.search(/[.[]/);
  if (next < 0) return '';
  return ELLIPSIS + (tail[next] === '.' ? tail.slice(next + 1) : tail.slice(next));
}

/**
 * A JSON Pointer as the field path Kubernetes uses in its own messages:
 * `/spec/template/spec/containers/1/ports/0` → `spec.template.spec.containers[1].ports[0]`.
 */
export function toFieldPath(pointer: string): string {
  if (pointer === '') return '';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^(0|[1-9]\d*)$/.test(segment)) out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Cuts to `max` characters (code points, so no surrogate pair is split), marking the cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + ELLIPSIS;
}

function length(text: string): number {
  return [...text].length;
}
