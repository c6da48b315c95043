import type { Command } from './command.js';

/**
 * Slack sends a command's text the way it stores messages: `&`, `<` and `>` typed by the user
 * arrive as `&amp;`, `&lt;` and `&gt;`, while `<…>` marks what Slack formatted itself (links,
 * mentions: `<https://x|x>`, `<@U123|ada>`, `<!here>`) — see the escaping section of Slack's
 * formatting reference. A pasted manifest needs the characters as typed: a folded scalar is `>`,
 * not `&gt;`. Control sequences are unwrapped first (to what was typed), then entities decoded,
 * so a typed `&lt;` stays `&lt;`. Linear: every pattern is a negated class, nothing nested.
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<([^<>|]*)\|([^<>]*)>/g, (_, _target: string, label: string) => label)
    .replace(/<!(here|channel|everyone)>/g, '@$1')
    .replace(/<([@#!]?[^<>]*)>/g, '$1')
    .replace(/&(amp|lt|gt);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>' })[name] ?? '');
}

/**
 * Only a pasted manifest is decoded: the other commands take ids and `key=value` words, where
 * Slack's markup never belongs and is echoed inert as it came.
 */
export function fromSlack(command: Command): Command {
  return command.name === 'validate'
    ? { ...command, manifest: fromSlackText(command.manifest) }
    : command;
}
