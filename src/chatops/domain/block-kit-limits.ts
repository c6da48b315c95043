/**
 * Slack's Block Kit limits for messages (docs.slack.dev/reference/block-kit), and a checker that
 * lists every way a message breaks them. The formatter stays inside; tests use the checker.
 */

export const BLOCK_KIT_LIMITS = Object.freeze({
  blocks: 50,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  headerText: 150,
  contextElements: 10,
  blockId: 255,
  /**
   * Not documented: Slack rejects messages with `msg_blocks_too_long` at about 13,200 characters
   * of block text even when every block is within its own limit (bolt-js #2509). Stay well below.
   */
  totalText: 12_000,
  /** The top-level `text` (notification fallback); kept short like a section. */
  fallbackText: 3000,
});

export interface SlackTextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  emoji?: boolean;
}

export type SlackBlock =
  | { type: 'header'; text: SlackTextObject }
  | { type: 'section'; block_id?: string; text?: SlackTextObject; fields?: SlackTextObject[] }
  | { type: 'context'; elements: SlackTextObject[] }
  | { type: 'divider' };

export interface SlackMessage {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  blocks: SlackBlock[];
}

/** Every limit the message breaks, as readable strings (empty when it fits). */
export function blockKitProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  const L = BLOCK_KIT_LIMITS;
  const text = (where: string, t: SlackTextObject | undefined, max: number) => {
    if (!t) return 0;
    if (t.type !== 'mrkdwn' && t.type !== 'plain_text')
      problems.push(`${where}: text type ${String(t.type)}`);
    if (typeof t.text !== 'string' || t.text.length < 1) problems.push(`${where}: empty text`);
    else if (t.text.length > max) problems.push(`${where}: ${t.text.length} characters > ${max}`);
    return typeof t.text === 'string' ? t.text.length : 0;
  };
  if (message.response_type !== 'ephemeral' && message.response_type !== 'in_channel')
    problems.push('response_type');
  if (typeof message.text !== 'string' || message.text.trim() === '')
    problems.push('text: no plain fallback');
  else if (message.text.length > L.fallbackText)
    problems.push(`text: ${message.text.length} characters > ${L.fallbackText}`);
  if (!Array.isArray(message.blocks)) return [...problems, 'blocks: not an array'];
  if (message.blocks.length > L.blocks)
    problems.push(`blocks: ${message.blocks.length} > ${L.blocks}`);
  let total = 0;
  const ids = new Set<string>();
  message.blocks.forEach((block, i) => {
    const where = `blocks[${i}] (${block.type})`;
    switch (block.type) {
      case 'header':
        if (block.text?.type !== 'plain_text')
          problems.push(`${where}: header text must be plain_text`);
        total += text(where, block.text, L.headerText);
        break;
      case 'section': {
        if (!block.text && !block.fields) problems.push(`${where}: neither text nor fields`);
        total += text(where, block.text, L.sectionText);
        if (block.fields) {
          if (block.fields.length < 1 || block.fields.length > L.fields)
            problems.push(`${where}: ${block.fields.length} fields`);
          block.fields.forEach((f, j) => (total += text(`${where}.fields[${j}]`, f, L.fieldText)));
        }
        if (block.block_id !== undefined) {
          if (block.block_id.length < 1 || block.block_id.length > L.blockId)
            problems.push(`${where}: block_id length`);
          if (ids.has(block.block_id))
            problems.push(`${where}: duplicate block_id ${block.block_id}`);
          ids.add(block.block_id);
        }
        break;
      }
      case 'context':
        if (block.elements.length < 1 || block.elements.length > L.contextElements)
          problems.push(`${where}: ${block.elements.length} elements`);
        block.elements.forEach(
          (e, j) => (total += text(`${where}.elements[${j}]`, e, L.sectionText)),
        );
        break;
      case 'divider':
        break;
      default:
        problems.push(`${where}: unknown block type`);
    }
  });
  if (total > L.totalText)
    problems.push(`blocks: ${total} characters of text in total > ${L.totalText}`);
  return problems;
}
