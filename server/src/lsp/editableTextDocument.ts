/**
 * The server's text store: an open document kept as UTF-16 code units in one reusable buffer, edited in place.
 *
 * Why not vscode-languageserver-textdocument: it rebuilds the content as a new flat string on every change, and on
 * this kind of machine a fresh multi-megabyte string costs more than analysing the document (its pages are new to
 * the process each time). Here an edit moves the tail inside memory the process already owns, and the whole text
 * is materialised once per version, only when something reads it. Positions, offsets and line breaks (`\n`, `\r\n`,
 * `\r`) behave exactly as in vscode-languageserver-textdocument; the tests compare the two on random edits.
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { lineStartsOf } from '../core/text/lineIndex';

const LF = 10;
const CR = 13;
const isLineBreak = (code: number) => code === LF || code === CR;

export class EditableTextDocument implements TextDocument {
  private units: Uint16Array;
  private bytes: Buffer;
  private length = 0;
  private lineOffsets: number[] | undefined;
  private text: string | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.units = new Uint16Array(0);
    this.bytes = Buffer.alloc(0);
    this.replaceAll(content);
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.lines().length;
  }

  getText(range?: Range): string {
    if (range) {
      const [start, end] = [this.offsetAt(range.start), this.offsetAt(range.end)].sort((a, b) => a - b);
      return this.bytes.toString('utf16le', start! * 2, end! * 2);
    }
    this.text ??= this.bytes.toString('utf16le', 0, this.length * 2);
    return this.text;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const lines = this.lines();
    let low = 0;
    let high = lines.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (lines[middle]! > offset) high = middle;
      else low = middle + 1;
    }
    const line = low - 1;
    return { line, character: this.beforeLineBreak(offset, lines[line]!) - lines[line]! };
  }

  offsetAt(position: Position): number {
    const lines = this.lines();
    if (position.line >= lines.length) return this.length;
    if (position.line < 0) return 0;
    const lineStart = lines[position.line]!;
    if (position.character <= 0) return lineStart;
    const nextLineStart = position.line + 1 < lines.length ? lines[position.line + 1]! : this.length;
    return this.beforeLineBreak(Math.min(lineStart + position.character, nextLineStart), lineStart);
  }

  getLineRange(line: number): Range {
    const lines = this.lines();
    if (line >= lines.length) {
      const last = lines.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.length - lines[last]! } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = lines[line]!;
    const next = line + 1 < lines.length ? lines[line + 1]! : this.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeLineBreak(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lines = this.lines();
    if (line < 0 || line >= lines.length) return '';
    const next = line + 1 < lines.length ? lines[line + 1]! : this.length;
    const end = this.beforeLineBreak(next, lines[line]!);
    return this.bytes.toString('utf16le', end * 2, next * 2);
  }

  /** Applies LSP content changes in order, as `TextDocuments` asks of its `update`. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) this.replaceRange(change.range, change.text);
      else this.replaceAll(change.text);
    }
    this.currentVersion = version;
  }

  private replaceAll(content: string): void {
    this.length = 0;
    this.ensureCapacity(content.length);
    this.bytes.write(content, 0, 'utf16le');
    this.length = content.length;
    this.lineOffsets = undefined;
    this.text = content;
  }

  private replaceRange(range: Range, inserted: string): void {
    range = ordered(range);
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    const delta = inserted.length - (end - start);
    this.ensureCapacity(this.length + delta);
    if (delta !== 0) this.units.copyWithin(end + delta, end, this.length);
    if (inserted.length > 0) this.bytes.write(inserted, start * 2, 'utf16le');
    this.length += delta;
    this.text = undefined;
    this.updateLineOffsets(range, start, inserted, delta);
  }

  /** Keeps the line table current in place; an edit that splits or joins a `\r\n` pair rebuilds it when next read. */
  private updateLineOffsets(range: Range, start: number, inserted: string, delta: number): void {
    const lines = this.lineOffsets;
    if (!lines) return;
    const insertedEnd = start + inserted.length;
    if ((this.codeAt(start - 1) === CR && this.codeAt(start) === LF) || (this.codeAt(insertedEnd - 1) === CR && this.codeAt(insertedEnd) === LF)) {
      this.lineOffsets = undefined;
      return;
    }
    const firstLine = Math.max(range.start.line, 0);
    const lastLine = Math.max(range.end.line, 0);
    const added = lineStartsOf(inserted).slice(1).map((lineStart) => start + lineStart);
    let table = lines;
    if (added.length < 10_000) table.splice(firstLine + 1, lastLine - firstLine, ...added);
    else this.lineOffsets = table = lines.slice(0, firstLine + 1).concat(added, lines.slice(lastLine + 1));
    if (delta !== 0) for (let index = firstLine + 1 + added.length; index < table.length; index++) table[index]! += delta;
  }

  private lines(): number[] {
    if (!this.lineOffsets) {
      const lines = [0];
      for (let index = 0; index < this.length; index++) {
        const code = this.units[index]!;
        if (code === CR && this.units[index + 1] === LF && index + 1 < this.length) index++;
        if (isLineBreak(code)) lines.push(index + 1);
      }
      this.lineOffsets = lines;
    }
    return this.lineOffsets;
  }

  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart && isLineBreak(this.units[offset - 1]!)) offset--;
    return offset;
  }

  private codeAt(offset: number): number | undefined {
    return offset >= 0 && offset < this.length ? this.units[offset] : undefined;
  }

  /** Grows by half again when full, so a run of insertions copies the document a logarithmic number of times. */
  private ensureCapacity(needed: number): void {
    if (needed <= this.units.length) return;
    const units = new Uint16Array(Math.max(needed + (needed >> 1), 1024));
    units.set(this.units.subarray(0, this.length));
    this.units = units;
    this.bytes = Buffer.from(units.buffer, units.byteOffset, units.byteLength);
  }
}

/** A range whose end comes before its start is treated as the range between the two, as editors send it. */
function ordered(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** The `TextDocuments` configuration that keeps open documents in this store. */
export const editableTextDocuments = {
  create: (uri: string, languageId: string, version: number, content: string) => new EditableTextDocument(uri, languageId, version, content),
  update: (document: EditableTextDocument, changes: TextDocumentContentChangeEvent[], version: number) => {
    document.update(changes, version);
    return document;
  },
};
