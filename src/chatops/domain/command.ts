import { parseValidate, type ValidateCommand } from './command-validate.js';

/**
 * The slash-command grammar shared by Slack and Mattermost:
 *
 *   help | patterns | pattern <id> | recommend key=value … | rule <id> | rules [scope]
 *   | validate [kubernetesVersion=…] [pattern=…] <manifest>
 *
 * optionally followed by `--share` to post the answer in the channel. Anything else is answered
 * with help. Pure: only splits text; the answers check ids, keys and values.
 */

export type Command =
  | {
      readonly name: 'help';
      readonly share: boolean;
      /** The word that was not understood. */ readonly unknown?: string;
    }
  | { readonly name: 'patterns'; readonly share: boolean }
  | { readonly name: 'pattern'; readonly share: boolean; readonly id?: string }
  | { readonly name: 'recommend'; readonly share: boolean; readonly args: readonly string[] }
  | { readonly name: 'rule'; readonly share: boolean; readonly id?: string }
  | { readonly name: 'rules'; readonly share: boolean; readonly scope?: string }
  | ValidateCommand;

export type CommandName = Command['name'];
export const COMMAND_NAMES: readonly CommandName[] = [
  'help',
  'patterns',
  'pattern',
  'recommend',
  'rule',
  'rules',
  'validate',
];

/**
 * Phones autocorrect "--" into an en or em dash; the flag should survive that. Only a trailing
 * flag counts, so it can never be mistaken for an argument.
 */
const SHARE_FLAG = /^(--|—|–)share$/i;
/** Smart quotes included: chat clients replace straight quotes while typing. */
const QUOTES = /^["'“”‘’]+|["'“”‘’]+$/g;
/** Chat payloads are short; a longer text is cut rather than processed. */
const MAX_TOKENS = 64;
/** Commands other than `validate` read no further than this (the form field allows manifests). */
const MAX_WORDS_TEXT = 4000;
const VALIDATE = 'validate';

export function parseCommand(text: string): Command {
  const start = text.trimStart();
  // `validate` takes the rest as a manifest: tokenising it would lose its lines and indentation.
  // The fence may follow without a space (`validate```yaml`).
  if (
    start.slice(0, VALIDATE.length).toLowerCase() === VALIDATE &&
    /^(\s|`|$)/.test(start.slice(VALIDATE.length, VALIDATE.length + 1))
  )
    return parseValidate(start.slice(VALIDATE.length));
  // `key = value` and `key= value` read as `key=value`.
  const tokens = text
    .slice(0, MAX_WORDS_TEXT)
    .replace(/\s*=\s*/g, '=')
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '')
    .slice(0, MAX_TOKENS);
  let share = false;
  if (tokens.length > 0 && SHARE_FLAG.test(tokens[tokens.length - 1])) {
    share = true;
    tokens.pop();
  }
  const [word, ...rest] = tokens;
  const first = rest[0] === undefined ? undefined : unquote(rest[0]);
  switch (word?.toLowerCase()) {
    case undefined:
    case 'help':
      return { name: 'help', share };
    case 'patterns':
      return { name: 'patterns', share };
    case 'pattern':
      return first === undefined
        ? { name: 'pattern', share }
        : { name: 'pattern', share, id: first };
    case 'recommend':
      return { name: 'recommend', share, args: rest.map(unquoteValue) };
    case 'rule':
      return first === undefined ? { name: 'rule', share } : { name: 'rule', share, id: first };
    case 'rules':
      return first === undefined
        ? { name: 'rules', share }
        : { name: 'rules', share, scope: first };
    default:
      return { name: 'help', share, unknown: word };
  }
}

function unquote(token: string): string {
  return token.replace(QUOTES, '');
}

/** `kubernetesVersion="1.31"` → `kubernetesVersion=1.31`. */
function unquoteValue(token: string): string {
  const eq = token.indexOf('=');
  return eq < 0 ? unquote(token) : `${unquote(token.slice(0, eq))}=${unquote(token.slice(eq + 1))}`;
}
