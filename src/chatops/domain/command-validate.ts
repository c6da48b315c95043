/**
 * `validate [kubernetesVersion=1.31] [pattern=<id>] <manifest> [--share]`: the manifest is taken
 * as raw text, newlines and indentation intact (both platforms pass the text after the command
 * word as one parameter, line breaks included), optionally inside a ``` fence with or without a
 * language tag. Pure, and linear in the text: no regular expression here scans the whole of it
 * with nested or overlapping quantifiers, whatever a user pastes.
 */

export interface ValidateCommand {
  readonly name: 'validate';
  readonly share: boolean;
  /** The manifest as pasted, fence and options removed; line 1 is its first line. */
  readonly manifest: string;
  readonly kubernetesVersion?: string;
  readonly pattern?: string;
  /** `key=value` words before the manifest that are neither option. */
  readonly unknownOptions: readonly string[];
  /** Text after the closing fence (options put at the end by mistake), never validated. */
  readonly afterFence?: string;
}

/** Phones turn "--" into a dash; `(^|\s)` keeps `x--share` from counting. Checked on the tail only. */
const SHARE_TAIL = /(^|\s)(--|—|–)share$/i;
/** `key=value` or `key = value` at the start of what is left (only ever run on a short window). */
const OPTION = /^([A-Za-z][\w.-]{0,63})[ \t]*=[ \t]*(\S{0,200})/;
const QUOTES = /^["'“”‘’]+|["'“”‘’]+$/g;
/** A fence's opening line after the backticks: a language tag (`yaml`, `yml`) or nothing. */
const FENCE_TAG = /^[\w.+-]{0,32}[ \t]*\r?$/;
const FENCE = '```';
/** More options than this and the rest is read as the manifest. */
const MAX_OPTIONS = 8;

/** Parses what follows the word `validate`. */
export function parseValidate(rest: string): ValidateCommand {
  let text = rest.trimEnd();
  let share = false;
  const tail = SHARE_TAIL.exec(text.slice(-9));
  if (tail) {
    share = true;
    text = text.slice(0, text.length - tail[0].length).trimEnd();
  }

  const options = new Map<string, string>();
  const unknownOptions: string[] = [];
  let at = skipSpace(text, 0);
  for (let n = 0; n < MAX_OPTIONS; n++) {
    const m = OPTION.exec(text.slice(at, at + 300));
    if (!m) break;
    const key = m[1];
    const value = m[2].replace(QUOTES, '');
    const known = ['kubernetesVersion', 'pattern'].find(
      (k) => k.toLowerCase() === key.toLowerCase(),
    );
    if (known) options.set(known, value);
    else unknownOptions.push(`${key}=${value}`);
    at = skipSpace(text, at + m[0].length);
  }

  const { manifest, afterFence } = unfence(text.slice(at));
  return {
    name: 'validate',
    share,
    manifest,
    ...(options.has('kubernetesVersion')
      ? { kubernetesVersion: options.get('kubernetesVersion') }
      : {}),
    ...(options.has('pattern') ? { pattern: options.get('pattern') } : {}),
    unknownOptions,
    ...(afterFence ? { afterFence } : {}),
  };
}

function skipSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length && /\s/.test(text[at])) at++;
  return at;
}

/**
 * The manifest inside a ``` fence, or the text itself without one. Slack puts the fence right
 * against the content (```apiVersion: v1 … kind: Pod```), editors on lines of their own with a
 * tag (```yaml): an opening line that is only a tag is dropped, anything else on it is content.
 */
function unfence(body: string): { manifest: string; afterFence?: string } {
  let text = body;
  let afterFence: string | undefined;
  if (text.startsWith(FENCE)) {
    text = text.slice(FENCE.length);
    const nl = text.indexOf('\n');
    const opening = nl < 0 ? text : text.slice(0, nl);
    if (FENCE_TAG.test(opening)) text = nl < 0 ? '' : text.slice(nl + 1);
    const close = text.lastIndexOf(FENCE);
    if (close >= 0) {
      afterFence = text.slice(close + FENCE.length).trim() || undefined;
      text = text.slice(0, close);
    }
  }
  // Blank lines before the first one are dropped (line 1 is the manifest's), indentation kept.
  const lead = /^(?:[ \t]*\r?\n)*/.exec(text)?.[0].length ?? 0;
  text = text.slice(lead).trimEnd();
  return { manifest: text === '' ? '' : `${text}\n`, afterFence };
}
