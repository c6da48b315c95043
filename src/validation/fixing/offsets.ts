import type { Range } from '../engine/types.js';

/**
 * Converts finding ranges (1-based line and column, end column exclusive) back to offsets into
 * the text they were computed on. Lines start after each `\n`, as yaml's LineCounter records
 * them while parsing, and a column counts UTF-16 code units from the line's start, as
 * `LineCounter.linePos` does: so `offsets(toRange(start, end))` gives back `[start, end]`.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1))
      this.starts.push(at + 1);
  }

  /** The offset of a 1-based position, or undefined when the text has no such position. */
  offset(line: number, column: number): number | undefined {
    if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || column < 1)
      return undefined;
    if (line > this.starts.length) return undefined;
    const start = this.starts[line - 1];
    // A line's last position is its newline (or the end of the text): inserting at the line end.
    const end = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    const offset = start + column - 1;
    return offset <= end ? offset : undefined;
  }

  /** `[start, end)` of a range, or undefined when it lies outside the text or ends before it starts. */
  span(range: Range): [number, number] | undefined {
    const start = this.offset(range.line, range.column);
    const end = this.offset(range.endLine, range.endColumn);
    if (start === undefined || end === undefined || end < start) return undefined;
    return [start, end];
  }
}
