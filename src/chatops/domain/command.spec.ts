import { describe, expect, it } from 'vitest';
import { parseCommand } from './command.js';

describe('parseCommand', () => {
  it.each([
    ['', { name: 'help', share: false }],
    ['   ', { name: 'help', share: false }],
    ['help', { name: 'help', share: false }],
    ['HELP --share', { name: 'help', share: true }],
    ['patterns', { name: 'patterns', share: false }],
    ['pattern', { name: 'pattern', share: false }],
    ['pattern shared-volume-disk', { name: 'pattern', share: false, id: 'shared-volume-disk' }],
    ['pattern "unix-socket" --share', { name: 'pattern', share: true, id: 'unix-socket' }],
    ['rule pod/port-conflict', { name: 'rule', share: false, id: 'pod/port-conflict' }],
    ['rule', { name: 'rule', share: false }],
    ['rules', { name: 'rules', share: false }],
    ['rules pod', { name: 'rules', share: false, scope: 'pod' }],
    ['recommend', { name: 'recommend', share: false, args: [] }],
    ['deploy everything', { name: 'help', share: false, unknown: 'deploy' }],
    ['deploy --share', { name: 'help', share: true, unknown: 'deploy' }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('splits recommend arguments into key=value tokens, dotted keys included', () => {
    expect(
      parseCommand('recommend placement=same-pod capabilities.mesh=linkerd weights.security=0.5'),
    ).toEqual({
      name: 'recommend',
      share: false,
      args: ['placement=same-pod', 'capabilities.mesh=linkerd', 'weights.security=0.5'],
    });
  });

  it('tolerates what chat clients do to typing: spaces around =, smart quotes, dashes turned into em dashes', () => {
    expect(
      parseCommand('recommend  placement = same-pod kubernetesVersion=“1.31”   —share'),
    ).toEqual({
      name: 'recommend',
      share: true,
      args: ['placement=same-pod', 'kubernetesVersion=1.31'],
    });
    expect(parseCommand('patterns –share')).toEqual({ name: 'patterns', share: true });
  });

  it('treats only a trailing --share as the flag', () => {
    expect(parseCommand('recommend --share placement=same-pod')).toEqual({
      name: 'recommend',
      share: false,
      args: ['--share', 'placement=same-pod'],
    });
  });

  it('bounds the number of tokens it reads', () => {
    const parsed = parseCommand(`recommend ${'a=b '.repeat(500)}`);
    expect(parsed.name === 'recommend' && parsed.args.length).toBe(63);
  });
});
