import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Finding, Fix } from '../engine/result.js';
import { toRange } from '../engine/ranges.js';
import { applyFixes } from './apply.js';
import { LineIndex } from './offsets.js';

const TEXT = [
  '# the web service',
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: web}   # flow style stays',
  'spec:',
  '  ports:',
  '    - port: 80',
  '      targetPort: htpp',
  '',
].join('\n');

/** A finding whose fix replaces the first occurrence of `from` (or inserts at `at`). */
function finding(
  ruleId: string,
  from: string,
  to: string,
  safety: Fix['safety'] = 'safe',
  filename?: string,
): Finding {
  const start = TEXT.indexOf(from);
  const range = rangeOf(TEXT, start, start + from.length);
  return {
    ruleId,
    severity: 'error',
    message: `${from} is wrong`,
    object: { documentIndex: 0, kind: 'Service', name: 'web', ...(filename ? { filename } : {}) },
    path: '/spec',
    range,
    fix: {
      description: `${from} → ${to}`,
      safety,
      edits: [{ ...(filename ? { filename } : {}), range, newText: to }],
    },
  };
}

function rangeOf(text: string, start: number, end: number) {
  const counter = new LineCounter();
  parseDocument(text, { lineCounter: counter });
  return toRange(text, counter, start, end, false);
}

describe('LineIndex', () => {
  it('gives back the offsets that yaml positions were computed from, across lines and at line ends', () => {
    const text = 'a: 1\r\nbé: "x\ny"\n\n- ü\n';
    const counter = new LineCounter();
    parseDocument(text, { lineCounter: counter });
    const index = new LineIndex(text);
    for (let start = 0; start <= text.length; start++) {
      for (const end of [start, Math.min(text.length, start + 3)]) {
        expect(index.span(toRange(text, counter, start, end, false))).toEqual([start, end]);
      }
    }
  });

  it('refuses positions the text does not have', () => {
    const index = new LineIndex('ab\ncd');
    expect(index.offset(1, 3)).toBe(2); // the newline: inserting at the line end
    expect(index.offset(1, 4)).toBeUndefined();
    expect(index.offset(3, 1)).toBeUndefined();
    expect(index.offset(0, 1)).toBeUndefined();
    expect(index.span({ line: 2, column: 2, endLine: 1, endColumn: 1 })).toBeUndefined();
  });
});

describe('applyFixes', () => {
  it('replaces exactly the edited range: comments and flow style elsewhere survive byte for byte', () => {
    const round = applyFixes(
      [{ content: TEXT }],
      [finding('service/target-port-unresolved', 'htpp', 'http')],
      'safe',
    );
    expect(round.sources[0].content).toBe(TEXT.replace('htpp', 'http'));
    expect(round.applied.map((f) => f.ruleId)).toEqual(['service/target-port-unresolved']);
    expect(round.skipped).toEqual([]);
  });

  it('applies suggestions only in mode all', () => {
    const suggestion = finding('container/run-as-non-root', 'port: 80', 'port: 8080', 'suggestion');
    expect(applyFixes([{ content: TEXT }], [suggestion], 'safe').applied).toEqual([]);
    expect(applyFixes([{ content: TEXT }], [suggestion], 'all').sources[0].content).toContain(
      'port: 8080',
    );
  });

  it('the first of two overlapping fixes wins; the other is skipped with the reason', () => {
    const first = finding('a/one', 'targetPort: htpp', 'targetPort: http');
    const second = finding('b/two', 'htpp', 'https');
    const round = applyFixes([{ content: TEXT }], [first, second], 'safe');
    expect(round.sources[0].content).toContain('targetPort: http\n');
    expect(round.applied.map((f) => f.ruleId)).toEqual(['a/one']);
    expect(round.skipped).toEqual([
      {
        finding: second,
        reason: 'it overlaps the fix of a/one (targetPort: htpp → targetPort: http), applied first',
      },
    ]);
  });

  it('two insertions at one point overlap; edits that only touch do not', () => {
    const at = TEXT.indexOf('spec:');
    const insert = (ruleId: string, text: string): Finding => {
      const range = rangeOf(TEXT, at, at);
      return {
        ...finding(ruleId, 'spec:', ''),
        fix: { description: ruleId, safety: 'safe', edits: [{ range, newText: text }] },
      };
    };
    const round = applyFixes(
      [{ content: TEXT }],
      [insert('a/x', '# x\n'), insert('b/y', '# y\n')],
      'safe',
    );
    expect(round.applied.map((f) => f.ruleId)).toEqual(['a/x']);
    expect(round.skipped.map((s) => s.finding.ruleId)).toEqual(['b/y']);
    const touching = applyFixes(
      [{ content: TEXT }],
      [finding('a/x', 'kind: ', 'kind: '), finding('b/y', 'Service', 'Servic3')],
      'safe',
    );
    expect(touching.applied).toHaveLength(2);
    expect(touching.sources[0].content).toContain('kind: Servic3\n');
  });

  it('sibling keys inserted at one point of a block mapping both apply, in order; a shared parent still clashes', () => {
    const at = TEXT.indexOf('spec:');
    const insert = (ruleId: string, text: string): Finding => ({
      ...finding(ruleId, 'spec:', ''),
      fix: {
        description: ruleId,
        safety: 'safe',
        edits: [{ range: rangeOf(TEXT, at, at), newText: text }],
      },
    });
    const siblings = applyFixes(
      [{ content: TEXT }],
      [insert('a/x', 'x: 1\n'), insert('b/y', 'y:\n  z: 2\n'), insert('c/x', 'x: 3\n')],
      'safe',
    );
    expect(siblings.applied.map((f) => f.ruleId)).toEqual(['a/x', 'b/y']);
    expect(siblings.skipped.map((s) => s.finding.ruleId)).toEqual(['c/x']);
    expect(siblings.sources[0].content).toContain('x: 1\ny:\n  z: 2\nspec:');
    // Flow entries into one flow mapping, likewise.
    const flow = applyFixes(
      [{ content: TEXT }],
      [insert('a/x', ', x: 1'), insert('b/y', ', y: { z: 2 }'), insert('c/x', ', x: 3')],
      'safe',
    );
    expect(flow.applied.map((f) => f.ruleId)).toEqual(['a/x', 'b/y']);
    // Different indentation, or a sequence item: the reading depends on the order.
    const mixed = applyFixes(
      [{ content: TEXT }],
      [insert('a/x', '  x: 1\n'), insert('b/y', 'y: 2\n'), insert('c/z', '- z\n')],
      'safe',
    );
    expect(mixed.applied.map((f) => f.ruleId)).toEqual(['a/x']);
  });

  it('an insertion at the end of a replaced span clashes (it was meant for the replaced text); new documents do not', () => {
    const item = '    - port: 80\n      targetPort: htpp\n';
    const start = TEXT.indexOf(item);
    const end = start + item.length;
    const edit = (ruleId: string, from: number, to: number, newText: string): Finding => ({
      ...finding(ruleId, 'spec:', ''),
      fix: {
        description: ruleId,
        safety: 'safe',
        edits: [{ range: rangeOf(TEXT, from, to), newText }],
      },
    });
    const round = applyFixes(
      [{ content: TEXT }],
      [edit('a/remove', start, end, ''), edit('b/key', end, end, '      name: http\n')],
      'safe',
    );
    expect(round.applied.map((f) => f.ruleId)).toEqual(['a/remove']);
    const docs = applyFixes(
      [{ content: TEXT }],
      [
        edit('a/doc', TEXT.length, TEXT.length, '---\nkind: A\n'),
        edit('b/doc', TEXT.length, TEXT.length, '---\nkind: B\n'),
      ],
      'safe',
    );
    expect(docs.sources[0].content.endsWith('---\nkind: A\n---\nkind: B\n')).toBe(true);
  });

  it('skips a fix whose range is not in its file or whose file was not submitted; other files stay the same strings', () => {
    const outside: Finding = {
      ...finding('a/x', 'htpp', 'http'),
      fix: {
        description: 'out',
        safety: 'safe',
        edits: [{ range: { line: 99, column: 1, endLine: 99, endColumn: 2 }, newText: '' }],
      },
    };
    const elsewhere = finding('b/y', 'htpp', 'http', 'safe', 'other.yaml');
    const other = { filename: 'b.yaml', content: 'kind: ConfigMap\n' };
    const round = applyFixes([{ content: TEXT }, other], [outside, elsewhere], 'safe');
    expect(round.applied).toEqual([]);
    expect(round.skipped.map((s) => s.reason)).toEqual([
      "an edit's range 99:1-99:2 is not in the file",
      'an edit names the file "other.yaml", which was not submitted',
    ]);
    expect(round.sources[0].content).toBe(TEXT);
    expect(round.sources[1]).toBe(other);
  });

  it('applies the edits of every file of a bundle to its own file', () => {
    const a = finding('a/x', 'htpp', 'http', 'safe', 'a.yaml');
    const b = finding('b/y', 'Service', 'Servic3', 'safe', 'b.yaml');
    const round = applyFixes(
      [
        { filename: 'a.yaml', content: TEXT },
        { filename: 'b.yaml', content: TEXT },
      ],
      [a, b],
      'safe',
    );
    expect(round.sources[0].content).toBe(TEXT.replace('htpp', 'http'));
    expect(round.sources[1].content).toBe(TEXT.replace('Service', 'Servic3'));
  });
});
