/** Offset <-> (line, character) conversion. Lines end at \n, \r\n or \r, as in LSP. Characters are UTF-16 units. */

export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  private readonly lineStarts: Int32Array;

  constructor(private readonly text: string) {
    this.lineStarts = lineStartTable(text);
  }

  /**
   * The index of `text`, shared with the last caller that asked for the same text: an analysis whose messages name
   * lines and the report of its findings may each need one for the same text.
   */
  static of(text: string): LineIndex {
    if (lastIndex?.text !== text) lastIndex = new LineIndex(text);
    return lastIndex;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    return positionIn(this.lineStarts, this.text.length, offset);
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line]!;
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1]! : this.text.length;
    return Math.max(start, Math.min(start + position.character, next));
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))]!;
  }

  /** Offset just before the line break that ends `line` (or the end of the text). */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1]!;
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

/**
 * Offset to position only, without the text: what a scan keeps of the other files its findings point into
 * (parameter files, modules) while it goes on to the next file.
 */
export class PositionIndex {
  constructor(
    readonly lineStarts: Int32Array,
    readonly length: number,
  ) {}

  static of(text: string): PositionIndex {
    return new PositionIndex(lineStartTable(text), text.length);
  }

  positionAt(offset: number): Position {
    return positionIn(this.lineStarts, this.length, offset);
  }
}

let lastIndex: LineIndex | undefined;

/** Where lines start while a table is being made, kept for the next one unless it grew large. */
let scratch = new Int32Array(4096);
const SCRATCH_KEPT = 1 << 16;

/**
 * `lineStartsOf` as a typed array (4 bytes a line, outside the JavaScript heap), in one search of the text: a list
 * grown line by line left several times its size as garbage, and counting the lines first searched the text twice.
 */
function lineStartTable(text: string): Int32Array {
  if (text.includes('\r')) return Int32Array.from(lineStartsOf(text));
  let buffer = scratch;
  let count = 1;
  for (let next = text.indexOf('\n'); next !== -1; next = text.indexOf('\n', next + 1)) {
    if (count === buffer.length) {
      const larger = new Int32Array(count * 2);
      larger.set(buffer);
      buffer = larger;
    }
    buffer[count++] = next + 1;
  }
  if (buffer.length <= SCRATCH_KEPT) scratch = buffer;
  return buffer.slice(0, count);
}

/** Where each line of `text` starts: 0, then the offset after every `\n`, `\r\n` or `\r`. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    // Only \n breaks: the native search is several times faster than a loop over every character.
    for (let next = text.indexOf('\n'); next !== -1; next = text.indexOf('\n', next + 1)) starts.push(next + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

function positionIn(lineStarts: ArrayLike<number>, length: number, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, length));
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= clamped) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: clamped - lineStarts[low]! };
}

/** The line break the text uses most: CRLF stays CRLF. */
export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/** Leading whitespace of the line that contains `offset`. */
export function indentationAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** True when only whitespace stands between the start of the line and `offset`. */
export function isFirstOnLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') return true;
    if (ch !== ' ' && ch !== '\t') return false;
  }
  return true;
}

/** Offset of the start of the line containing `offset`. */
export function startOfLine(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}
