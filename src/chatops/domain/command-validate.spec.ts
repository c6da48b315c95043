import { describe, expect, it } from 'vitest';
import { parseCommand } from './command.js';
import { parseValidate } from './command-validate.js';

const MANIFEST =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  key: |\n    two  spaces\n';

describe('validate command', () => {
  it('takes an unfenced manifest as raw text: lines, indentation and inner spacing intact', () => {
    const command = parseCommand(`validate\n${MANIFEST}`);
    expect(command).toEqual({
      name: 'validate',
      share: false,
      manifest: MANIFEST,
      unknownOptions: [],
    });
  });

  it.each([
    ['a fence with a language tag', `validate \`\`\`yaml\n${MANIFEST}\`\`\``],
    ['a bare fence on its own lines', `validate\n\`\`\`\n${MANIFEST}\`\`\`\n`],
    ['a fence right after the word', `validate\`\`\`yml\n${MANIFEST}\`\`\``],
    // Slack's composer puts the fence against the content, first line included.
    ['a fence against the content', `validate \`\`\`${MANIFEST.trimEnd()}\`\`\``],
  ])('unwraps %s', (_, text) => {
    const command = parseCommand(text);
    expect(command.name === 'validate' && command.manifest).toBe(MANIFEST);
  });

  it('keeps a first line that is content, not a tag, and the indentation of the first key', () => {
    expect(parseValidate(' ```  name: x\n  kind: y```').manifest).toBe('  name: x\n  kind: y\n');
  });

  it('reads --share (also as a dash) at the very end, after the fence', () => {
    for (const flag of ['--share', '—share', '–SHARE']) {
      const command = parseCommand(`validate \`\`\`yaml\n${MANIFEST}\`\`\` ${flag}`);
      expect(command).toMatchObject({ name: 'validate', share: true, manifest: MANIFEST });
    }
    // Inside the manifest it is content, not the flag.
    const inside = parseValidate(`\n${MANIFEST}x--share`);
    expect(inside.share).toBe(false);
    expect(inside.manifest.endsWith('x--share\n')).toBe(true);
  });

  it('reads kubernetesVersion and pattern right after the word, case-insensitively and unquoted', () => {
    const command = parseCommand(
      `validate KubernetesVersion = “1.31” pattern=service-clusterip \`\`\`yaml\n${MANIFEST}\`\`\` --share`,
    );
    expect(command).toEqual({
      name: 'validate',
      share: true,
      manifest: MANIFEST,
      kubernetesVersion: '1.31',
      pattern: 'service-clusterip',
      unknownOptions: [],
    });
  });

  it('lists key=value words it does not know rather than validating them as YAML', () => {
    const command = parseValidate(` scope=partial\n${MANIFEST}`);
    expect(command.unknownOptions).toEqual(['scope=partial']);
    expect(command.manifest).toBe(MANIFEST);
  });

  it('keeps text after the closing fence apart, so the answer can say where options go', () => {
    const command = parseValidate(` \`\`\`yaml\n${MANIFEST}\`\`\` pattern=x --share`);
    expect(command).toMatchObject({ share: true, manifest: MANIFEST, afterFence: 'pattern=x' });
    expect(parseValidate(` \`\`\`yaml\n${MANIFEST}\`\`\`\n`)).not.toHaveProperty('afterFence');
  });

  it('gives an empty manifest for nothing, a blank fence or only options', () => {
    for (const text of [
      'validate',
      'validate   ',
      'validate ```yaml\n```',
      'validate pattern=x --share',
    ])
      expect(parseCommand(text)).toMatchObject({ name: 'validate', manifest: '' });
  });

  it('does not take words that only start with validate', () => {
    expect(parseCommand('validated')).toEqual({ name: 'help', share: false, unknown: 'validated' });
  });

  it('reads a quarter-megabyte of whitespace around one character as that character', () => {
    // The paste is bounded by the form field only; every scan of it is linear (no regex over the
    // whole text backtracks), which this size would make visible as a hang, not a slow pass.
    const junk = `${' \t\n'.repeat(40_000)}x${' \n\t'.repeat(40_000)}`;
    expect(parseValidate(junk)).toEqual({
      name: 'validate',
      share: false,
      manifest: 'x\n',
      unknownOptions: [],
    });
  });
});
