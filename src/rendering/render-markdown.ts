import type { RenderResult } from './renderers/types.js';

/** A chat-sized answer: what was rendered, the notes, and the manifests in a code block. */
export function renderMarkdown(result: RenderResult): string {
  const kinds = result.objects.map(
    (o) => `${o.kind}/${String((o.metadata as { name?: string } | undefined)?.name ?? '')}`,
  );
  return [
    `**${result.pattern}**: ${kinds.join(', ')}`,
    '',
    ...result.notes.map((n) => `- ${n}`),
    '',
    '```yaml',
    result.yaml.trimEnd(),
    '```',
    '',
  ].join('\n');
}

/** The YAML answer: notes as comments on top, so `kubectl apply -f -` takes it as it is. */
export function yamlWithNotes(result: RenderResult): string {
  const comments = result.notes.map((n) => `# ${n.replace(/\n/g, ' ')}`);
  return `${comments.length > 0 ? `${comments.join('\n')}\n` : ''}${result.yaml}`;
}
