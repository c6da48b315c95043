import { describe, expect, it } from 'vitest';
import { compileRule, isUnsupported } from './cel-rule.js';

function run(rule: string, self: unknown): unknown {
  const compiled = compileRule(rule);
  if ('error' in compiled) throw new Error(compiled.error);
  const result = compiled.evaluate(self as never);
  return result instanceof Error ? `error: ${result.message}` : result;
}

const obj = (o: Record<string, unknown>) => new Map(Object.entries(o));

describe('Kubernetes CEL libraries', () => {
  it.each([
    ['[1, 2, 3].isSorted() && ![2, 1].isSorted()', true],
    ['[1, 2, 3].sum() == 6 && [1, 5, 3].max() == 5 && [4, 2].min() == 2', true],
    ['[1, 2, 1].indexOf(1) == 0 && [1, 2, 1].lastIndexOf(1) == 2', true],
    ["'abc'.charAt(1) == 'b' && 'a,b'.split(',') == ['a', 'b'] && ' x '.trim() == 'x'", true],
    [
      "'AbC'.lowerAscii() == 'abc' && 'abc'.upperAscii() == 'ABC' && ['a', 'b'].join('-') == 'a-b'",
      true,
    ],
    [
      "'abc'.substring(1) == 'bc' && 'aXa'.replace('X', 'y') == 'aya' && 'abc'.indexOf('c') == 2",
      true,
    ],
    ["'a1b22'.find('[0-9]+') == '1' && 'a1b22'.findAll('[0-9]+') == ['1', '22']", true],
    ["'abc'.matches('^a') && !'abc'.matches('^b')", true],
    [
      "quantity('1Gi').isGreaterThan(quantity('1000M')) && quantity('500m').compareTo(quantity('0.5')) == 0",
      true,
    ],
    ["isQuantity('10Mi') && !isQuantity('10 Mi') && quantity('2k').asInteger() == 2000", true],
    ["url('https://example.com:8443/a?b=c').getHost() == 'example.com:8443'", true],
    [
      "url('https://example.com/a').getScheme() == 'https' && isURL('/path') && !isURL('nope')",
      true,
    ],
    [
      "isIP('10.0.0.1') && !isIP('10.0.0.01') && ip('::1').isLoopback() && ip('10.0.0.1').family() == 4",
      true,
    ],
    [
      "cidr('10.0.0.0/8').containsIP('10.1.2.3') && !cidr('10.0.0.0/8').containsIP(ip('11.0.0.1'))",
      true,
    ],
    [
      "cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16') && cidr('fd00::/8').prefixLength() == 8",
      true,
    ],
    [
      "!format.dns1123Label().validate('my-name').hasValue() && format.dns1123Label().validate('My_Name').hasValue()",
      true,
    ],
    ["format.named('dns1035Label').validate('1abc').hasValue()", true],
    ["'%s-%d'.format(['a', 1]) == 'a-1'", true],
    ['[1, 2].all(x, x > 0) && [1, 2].exists(x, x == 2) && [1, 2].exists_one(x, x == 1)', true],
    ['[1, 2].map(x, x * 2) == [2, 4] && [1, 2].filter(x, x > 1) == [2]', true],
  ])('%s', (rule, expected) => {
    expect(run(rule, null)).toBe(expected);
  });

  it('binds self and supports has()', () => {
    expect(run('has(self.a) && !has(self.b) && self.a == 1', obj({ a: 1n }))).toBe(true);
  });

  it('reports a missing function as unsupported, not as a failure', () => {
    const compiled = compileRule('self.frobnicate()');
    expect('error' in compiled).toBe(false);
    const result = !('error' in compiled) && compiled.evaluate('x');
    expect(result).toBeInstanceOf(Error);
    expect(isUnsupported(result as Error)).toBe(true);
  });

  it('marks rules with oldSelf as transition rules and measures comprehension depth', () => {
    const compiled = compileRule('self == oldSelf');
    expect('error' in compiled ? undefined : compiled.transition).toBe(true);
    const nested = compileRule('self.all(x, self.all(y, x != y))');
    expect('error' in nested ? undefined : nested.depth).toBe(2);
  });

  it('returns the parse error of a rule that does not compile', () => {
    expect(compileRule('self.a ==')).toEqual({ error: expect.stringContaining('1:') });
  });
});
