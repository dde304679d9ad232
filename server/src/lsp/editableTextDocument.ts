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
  /** the text's code units, with a gap of unused ones at `gapStart`..`gapEnd` (at the end between updates) */
  private units: Uint16Array;
  private bytes: Buffer;
  private length = 0;
  private gapStart = 0;
  private gapEnd = 0;
  private lineOffsets: number[] | undefined;
  /**
   * Line-table updates of a batch of changes not made yet, last first (see deferLineOffsets). While there are some,
   * the table is current only up to the first line of the last one.
   */
  private pendingLines: PendingLines[] = [];
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
    // Lines up to the one after this position must be current (an edit earlier in the same update may have moved them).
    const lines = this.lines(position.line + 1);
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

  /**
   * Applies LSP content changes in order, as `TextDocuments` asks of its `update`. One change (a keystroke) moves the
   * text after it once. Several (a fix-all, a rename: often thousands, last first) move the gap from one to the next
   * and close it once, and the line table shifts once: moving the whole tail per change took a third of a second for
   * a thousand changes in a 4 MB document.
   */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!('range' in change)) this.replaceAll(change.text);
      else if (changes.length === 1) this.replaceRange(change.range, change.text);
      else this.replaceAtGap(change.range, change.text);
    }
    this.closeGap();
    this.applyPendingLines();
    this.currentVersion = version;
  }

  private replaceAll(content: string): void {
    // The old text goes: nothing to keep when growing, and any gap of a batch closes.
    this.length = 0;
    this.gapEnd = this.units.length;
    this.ensureCapacity(content.length);
    this.bytes.write(content, 0, 'utf16le');
    this.length = content.length;
    this.gapStart = content.length;
    this.lineOffsets = undefined;
    this.pendingLines = [];
    this.text = content;
  }

  /** One change, with the gap at the end: the text after it moves once, by the change in length. */
  private replaceRange(range: Range, inserted: string): void {
    range = ordered(range);
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    const delta = inserted.length - (end - start);
    this.ensureCapacity(this.length + delta);
    if (delta !== 0) this.units.copyWithin(end + delta, end, this.length);
    if (inserted.length > 0) this.bytes.write(inserted, start * 2, 'utf16le');
    this.length += delta;
    this.gapStart = this.length;
    this.text = undefined;
    this.updateLineOffsets(range, start, inserted, delta);
  }

  /** One of several changes: the gap moves to the change, swallows what it replaces, and takes in the new text. */
  private replaceAtGap(range: Range, inserted: string): void {
    range = ordered(range);
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    const delta = inserted.length - (end - start);
    this.moveGap(start);
    this.gapEnd += end - start;
    if (this.gapEnd - this.gapStart < inserted.length) this.widenGap(inserted.length);
    if (inserted.length > 0) this.bytes.write(inserted, this.gapStart * 2, 'utf16le');
    this.gapStart += inserted.length;
    this.length += delta;
    this.text = undefined;
    this.deferLineOffsets(range, start, inserted, delta);
  }

  /** Moves the gap so that it starts at `offset`, moving only the units between the two places. */
  private moveGap(offset: number): void {
    if (offset < this.gapStart) {
      const moved = this.gapStart - offset;
      this.units.copyWithin(this.gapEnd - moved, offset, this.gapStart);
      this.gapStart = offset;
      this.gapEnd -= moved;
    } else if (offset > this.gapStart) {
      const moved = offset - this.gapStart;
      this.units.copyWithin(this.gapStart, this.gapEnd, this.gapEnd + moved);
      this.gapStart = offset;
      this.gapEnd += moved;
    }
  }

  /** Puts the gap back at the end, where reading the text as one run of units expects it. */
  private closeGap(): void {
    if (this.gapEnd === this.units.length) return;
    this.units.copyWithin(this.gapStart, this.gapEnd, this.units.length);
    this.gapStart = this.length;
    this.gapEnd = this.units.length;
  }

  /** A larger buffer whose gap holds at least `needed` units; grows by half again, like ensureCapacity. */
  private widenGap(needed: number): void {
    const after = this.units.length - this.gapEnd;
    const capacity = this.length + needed;
    const units = new Uint16Array(Math.max(capacity + (capacity >> 1), 1024));
    units.set(this.units.subarray(0, this.gapStart));
    units.set(this.units.subarray(this.gapEnd), units.length - after);
    this.units = units;
    this.bytes = Buffer.from(units.buffer, units.byteOffset, units.byteLength);
    this.gapEnd = units.length - after;
  }

  /** Keeps the line table current in place; an edit that splits or joins a `\r\n` pair rebuilds it when next read. */
  private updateLineOffsets(range: Range, start: number, inserted: string, delta: number): void {
    const lines = this.lineOffsets;
    if (!lines) return;
    if (this.splitsOrJoinsCrLf(start, inserted)) {
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

  /**
   * The same for one of several changes, done later: the change is noted, and the table stays current up to its
   * first line. Editors send a batch last first, so the next change reads only lines before this one, and the notes
   * are applied together in one pass (applyPendingLines); a change that reads further applies them first.
   */
  private deferLineOffsets(range: Range, start: number, inserted: string, delta: number): void {
    if (!this.lineOffsets) return;
    if (this.splitsOrJoinsCrLf(start, inserted)) {
      this.lineOffsets = undefined;
      this.pendingLines = [];
      return;
    }
    const added = lineStartsOf(inserted).slice(1).map((lineStart) => start + lineStart);
    this.pendingLines.push({ firstLine: Math.max(range.start.line, 0), lastLine: Math.max(range.end.line, 0), added, delta });
  }

  private splitsOrJoinsCrLf(start: number, inserted: string): boolean {
    const insertedEnd = start + inserted.length;
    return (this.codeAt(start - 1) === CR && this.codeAt(start) === LF) || (this.codeAt(insertedEnd - 1) === CR && this.codeAt(insertedEnd) === LF);
  }

  /** The line table, current at least up to index `upTo` (all of it by default). */
  private lines(upTo = Infinity): number[] {
    if (!this.lineOffsets) {
      this.closeGap();
      const lines = [0];
      for (let index = 0; index < this.length; index++) {
        const code = this.units[index]!;
        if (code === CR && this.units[index + 1] === LF && index + 1 < this.length) index++;
        if (isLineBreak(code)) lines.push(index + 1);
      }
      this.lineOffsets = lines;
    }
    const pending = this.pendingLines;
    if (pending.length > 0 && upTo > pending[pending.length - 1]!.firstLine) this.applyPendingLines();
    return this.lineOffsets;
  }

  /**
   * Applies the noted changes in one pass, first line first. Each removed the entries after its first line up to
   * its last and added its own; the entries after it, and the lines the changes before it in the text added, move
   * by the changes in length of all before it.
   */
  private applyPendingLines(): void {
    const lines = this.lineOffsets;
    const pending = this.pendingLines;
    if (pending.length === 0 || !lines) return;
    this.pendingLines = [];
    const table: number[] = [];
    let shift = 0;
    let copied = 0;
    for (let index = pending.length - 1; index >= 0; index--) {
      const change = pending[index]!;
      for (; copied <= change.firstLine; copied++) table.push(lines[copied]! + shift);
      for (const lineStart of change.added) table.push(lineStart + shift);
      copied = change.lastLine + 1;
      shift += change.delta;
    }
    for (; copied < lines.length; copied++) table.push(lines[copied]! + shift);
    this.lineOffsets = table;
  }

  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart && isLineBreak(this.unitAt(offset - 1))) offset--;
    return offset;
  }

  private codeAt(offset: number): number | undefined {
    return offset >= 0 && offset < this.length ? this.unitAt(offset) : undefined;
  }

  private unitAt(offset: number): number {
    return this.units[offset < this.gapStart ? offset : offset + this.gapEnd - this.gapStart]!;
  }

  /** Grows by half again when full, so a run of insertions copies the document a logarithmic number of times. */
  private ensureCapacity(needed: number): void {
    if (needed <= this.units.length) return;
    const units = new Uint16Array(Math.max(needed + (needed >> 1), 1024));
    units.set(this.units.subarray(0, this.length));
    this.units = units;
    this.bytes = Buffer.from(units.buffer, units.byteOffset, units.byteLength);
    this.gapEnd = units.length;
  }
}

/** A change's effect on the line table: entries after `firstLine` up to `lastLine` give way to `added`. */
interface PendingLines {
  firstLine: number;
  lastLine: number;
  /** where the lines the change inserted start */
  added: number[];
  /** the change in the text's length */
  delta: number;
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
