import { describe, expect, it } from 'vitest';
import type { TextEdit } from '../../validation/engine/result.js';
import { LineIndex } from '../../validation/fixing/offsets.js';
import { PREVIEW_LINES, previewEdit } from './fix-preview.js';

const TEXT = 'a: 1\nb:\n  c: htpp\nd: 4\n';
const at = (line: number, column: number, endLine = line, endColumn = column) => ({
  line,
  column,
  endLine,
  endColumn,
});
const preview = (edit: TextEdit, text = TEXT) => previewEdit(text, new LineIndex(text), edit);

describe('fix preview', () => {
  it('shows a replacement inside a line as that line before and after', () => {
    expect(preview({ range: at(3, 6, 3, 10), newText: 'http' })).toEqual({
      kind: 'diff',
      text: '-  c: htpp\n+  c: http',
    });
  });

  it('shows inserted lines between the lines above and below', () => {
    expect(preview({ range: at(3, 1), newText: '  x: 0\n' })).toEqual({
      kind: 'diff',
      text: ' b:\n+  x: 0\n   c: htpp',
    });
  });

  it('shows removed lines with their neighbours', () => {
    expect(preview({ range: at(2, 1, 4, 1), newText: '' })).toEqual({
      kind: 'diff',
      text: ' a: 1\n-b:\n-  c: htpp\n d: 4',
    });
  });

  it('shows a document appended at the end after the last line, and counts lines past the cut', () => {
    const doc = Array.from({ length: PREVIEW_LINES + 2 }, (_, i) => `k${i}: v`).join('\n');
    const result = preview({ range: at(5, 1), newText: `---\n${doc}\n` });
    expect(result.kind).toBe('diff');
    const lines = (result as { text: string }).text.split('\n');
    expect(lines[0]).toBe(' d: 4');
    expect(lines[1]).toBe('+---');
    expect(lines).toHaveLength(PREVIEW_LINES + 1);
    expect(lines[PREVIEW_LINES]).toBe('… 4 more line(s)');
  });

  it('falls back to the new text when the range is not in the text', () => {
    expect(preview({ range: at(9, 1), newText: 'x' })).toEqual({ kind: 'replace', newText: 'x' });
  });
});
