import { describe, expect, it } from 'vitest';
import { parseCommand } from './command.js';
import { fromSlack, fromSlackText } from './slack-text.js';

describe('Slack command text', () => {
  it('decodes the three entities Slack escapes, once: a typed "&lt;" stays "&lt;"', () => {
    expect(fromSlackText('command: &gt;-\n  a &amp;&amp; b &lt; c\nx: &amp;lt;')).toBe(
      'command: >-\n  a && b < c\nx: &lt;',
    );
  });

  it('turns what Slack formatted back into what was typed', () => {
    expect(fromSlackText('url: <https://example.com/x?a=1|example.com/x?a=1>')).toBe(
      'url: example.com/x?a=1',
    );
    expect(fromSlackText('url: <https://example.com>')).toBe('url: https://example.com');
    expect(fromSlackText('who: <!here> <@U123>')).toBe('who: @here @U123');
  });

  it('decodes only a pasted manifest, not the words of other commands', () => {
    const validate = fromSlack(parseCommand('validate\nx: &gt;\n  y'));
    expect(validate).toMatchObject({ name: 'validate', manifest: 'x: >\n  y\n' });
    const rule = parseCommand('rule &lt;x&gt;');
    expect(fromSlack(rule)).toBe(rule);
  });
});
