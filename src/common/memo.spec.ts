import { describe, expect, it } from 'vitest';
import { Memo } from './memo.js';

describe('Memo', () => {
  it('computes once per key and returns the stored value on a hit', () => {
    const memo = new Memo<string>(4);
    let calls = 0;
    const compute = (value: string) => () => {
      calls++;
      return value;
    };
    expect(memo.get('a', compute('A'))).toBe('A');
    expect(memo.get('a', compute('other'))).toBe('A');
    expect(memo.get('b', compute('B'))).toBe('B');
    expect(calls).toBe(2);
  });

  it('holds at most `capacity` entries and evicts the least recently used', () => {
    const memo = new Memo<number>(2);
    memo.get('a', () => 1);
    memo.get('b', () => 2);
    memo.get('a', () => -1); // a is now the most recently used
    memo.get('c', () => 3); // evicts b
    expect(memo.size).toBe(2);
    expect(memo.get('a', () => -1)).toBe(1);
    expect(memo.get('b', () => 20)).toBe(20);
  });

  it('stores nothing when the computation throws', () => {
    const memo = new Memo<number>(2);
    expect(() =>
      memo.get('x', () => {
        throw new Error('bad profile');
      }),
    ).toThrow('bad profile');
    expect(memo.size).toBe(0);
    expect(memo.get('x', () => 7)).toBe(7);
  });
});
