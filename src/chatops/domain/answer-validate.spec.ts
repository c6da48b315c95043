import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/catalog.js';
import { rules } from '../../validation/rules/index.js';
import { answer } from './answer.js';
import type { AnswerContext } from './answer-context.js';
import { MAX_FINDINGS_SHOWN, MAX_MANIFEST_BYTES } from './answer-validate.js';
import { parseCommand } from './command.js';
import { lineText, type Line, type Reply, type ReplyBlock } from './reply.js';
import { TYPO_MANIFEST } from './validate-fixtures.js';

const ctx: AnswerContext = {
  catalog: loadCatalog(),
  rules,
  publicBaseUrl: 'https://podwire.example.com',
  slash: '/pw',
};
const ask = (text: string) => answer(parseCommand(text), ctx);

const findingBlocks = (reply: Reply) =>
  reply.blocks.filter(
    (b): b is Extract<ReplyBlock, { kind: 'section' }> =>
      b.kind === 'section' && (b.id?.startsWith('finding:') ?? false),
  );
const sectionText = (b: Extract<ReplyBlock, { kind: 'section' }>) => b.lines.map(lineText);
const codeAfter = (reply: Reply, block: ReplyBlock) => {
  const next = reply.blocks[reply.blocks.indexOf(block) + 1];
  return next?.kind === 'code' ? next.text : undefined;
};
/** The lines of a section or context block (the problems of an error reply, the overview). */
const linesOf = (block: ReplyBlock | undefined): Line[] =>
  block && (block.kind === 'section' || block.kind === 'context') ? [...block.lines] : [];
const contextText = (reply: Reply) =>
  reply.blocks.flatMap((b) => (b.kind === 'context' ? b.lines.map(lineText) : [])).join('\n');

describe('validate answer', () => {
  it('shows the error first with its safe fix as a diff, and how to apply the safe fixes', () => {
    const reply = ask(`validate \`\`\`yaml\n${TYPO_MANIFEST}\`\`\``);
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.blocks[0]).toEqual({ kind: 'header', text: 'podwire: manifest is invalid ❌' });
    expect(reply.summary).toMatch(
      /^podwire: manifest invalid: 1 error, \d+ warnings?, \d+ infos?$/,
    );
    const [first] = findingBlocks(reply);
    expect(first.id).toBe('finding:1:service/target-port-unresolved');
    const [where, message, fix] = sectionText(first);
    expect(where).toBe('30:19 error service/target-port-unresolved · Service/web');
    expect(message).toContain('targetPort "htpp" of Service web');
    expect(fix).toBe(
      'Fix (safe): Change targetPort "htpp" to "http", the port the selected pods declare',
    );
    expect(codeAfter(reply, first)).toBe(
      [
        '-      targetPort: htpp # <!channel> @here *bold* `tick` ]]>',
        '+      targetPort: http # <!channel> @here *bold* `tick` ]]>',
      ].join('\n'),
    );
    const context = contextText(reply);
    expect(context).toMatch(
      /safe fixes in all: POST \/v1\/manifests\/fix or podwire validate --fix/,
    );
    const links = reply.blocks.flatMap((b) => (b.kind === 'context' ? b.lines.flat() : []));
    expect(links.find((s) => s.url)?.url).toBe('https://podwire.example.com/v1/manifests/fix');
  });

  it('labels suggestions as such, with the lines they add and one line of context around', () => {
    const reply = ask(`validate\n${TYPO_MANIFEST}`);
    const block = findingBlocks(reply).find((b) => b.id?.endsWith(':container/run-as-root'))!;
    expect(sectionText(block)[2]).toMatch(/^Fix \(suggestion\): Set runAsNonRoot: true/);
    expect(codeAfter(reply, block)).toBe(
      [
        '               containerPort: 8080',
        '+          securityContext:',
        '+            runAsNonRoot: true',
        ' ---',
      ].join('\n'),
    );
  });

  it('answers a valid manifest without findings or fix line, and shares with --share', () => {
    const reply = ask(
      'validate ```yaml\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n``` --share',
    );
    expect(reply.visibility).toBe('in_channel');
    expect(reply.blocks[0]).toEqual({ kind: 'header', text: 'podwire: manifest is valid ✅' });
    expect(findingBlocks(reply)).toEqual([]);
    expect(contextText(reply)).toBe('');
    expect(lineText(linesOf(reply.blocks[1])[0])).toBe(
      '1 object in 1 document: 0 errors, 0 warnings, 0 infos',
    );
  });

  it(`shows ${MAX_FINDINGS_SHOWN} findings and counts the rest`, () => {
    // Twelve ConfigMaps with invalid names: one error each, none with a fix.
    const manifest = Array.from(
      { length: 12 },
      (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name_${i}\n`,
    ).join('---\n');
    const reply = ask(`validate\n${manifest}`);
    const shown = findingBlocks(reply);
    expect(shown).toHaveLength(MAX_FINDINGS_SHOWN);
    const total = reply.summary.match(/(\d+) errors?/)![1];
    expect(Number(total)).toBeGreaterThanOrEqual(12);
    expect(contextText(reply)).toContain(
      `The first ${MAX_FINDINGS_SHOWN} of ${contextText(reply).match(/of (\d+) findings/)![1]} findings below, errors first`,
    );
    expect(contextText(reply)).not.toContain('manifests/fix');
  });

  it('passes kubernetesVersion to the validator and refuses an unknown one privately', () => {
    const removed =
      'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: nightly\nspec: {}\n';
    const old = ask(`validate kubernetesVersion=1.20\n${removed}`);
    const now = ask(`validate kubernetesVersion=1.31\n${removed}`);
    const rulesOf = (r: Reply) => findingBlocks(r).map((b) => b.id!.split(':')[2]);
    expect(rulesOf(now)).toContain('api/removed');
    expect(rulesOf(old)).not.toContain('api/removed');
    const refused = ask(`validate kubernetesVersion=0.9\n${removed} --share`);
    expect(refused.visibility).toBe('ephemeral');
    expect(refused.blocks[0]).toEqual({ kind: 'header', text: 'Cannot validate that manifest' });
    expect(refused.summary).toMatch(/^podwire could not validate that manifest: /);
    expect(lineText(linesOf(refused.blocks[1])[0])).toMatch(/^kubernetesVersion: /);
  });

  it('refuses an unknown option or pattern, listing what it takes', () => {
    const reply = ask(`validate scope=partial pattern=Sidecar-Mesh\n${TYPO_MANIFEST}`);
    expect(reply.visibility).toBe('ephemeral');
    const problems = linesOf(reply.blocks[1]).map(lineText);
    expect(problems[0]).toBe(
      'Unknown option scope=partial: validate takes kubernetesVersion=<x.y> and pattern=<id>',
    );
    expect(problems[1]).toMatch(/^Unknown pattern Sidecar-Mesh; one of: service-clusterip, /);
    expect(findingBlocks(reply)).toEqual([]);
  });

  it('refuses options put after the code block instead of ignoring them', () => {
    const reply = ask(`validate \`\`\`yaml\n${TYPO_MANIFEST}\`\`\` kubernetesVersion=1.20`);
    expect(reply.blocks[0]).toEqual({ kind: 'header', text: 'Cannot read those options' });
    expect(lineText(linesOf(reply.blocks[1])[0])).toBe(
      'Text after the code block: kubernetesVersion=1.20; options go right after validate, only --share at the end',
    );
  });

  it('answers an empty paste with usage, privately', () => {
    const reply = ask('validate --share');
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.blocks[0]).toEqual({ kind: 'header', text: 'Paste a manifest to validate' });
    expect(contextText(reply)).toContain(
      '/pw validate [kubernetesVersion=1.31] [pattern=<id>] <manifest>',
    );
  });

  it(`refuses more than ${MAX_MANIFEST_BYTES / 1024} KiB (UTF-8 bytes) without validating`, () => {
    const comment = `# ${'é'.repeat(MAX_MANIFEST_BYTES / 4)}\n`; // half as many characters as bytes
    const reply = ask(`validate\n${comment}${comment}${TYPO_MANIFEST}`);
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.blocks[0]).toEqual({
      kind: 'header',
      text: 'That manifest is too large for chat',
    });
    expect(lineText(linesOf(reply.blocks[1])[0])).toMatch(
      /^It has 65 KiB; chat validates up to 64 KiB\. Send it to POST \/v1\/manifests\/validate or run podwire validate <file>\.$/,
    );
    expect(findingBlocks(reply)).toEqual([]);
  });
});
