/**
 * Pieces of one text kept once each, found by where they are in the text: a megabyte of Bicep writes the same few
 * names and strings thousands of times, and looking a piece up here reads its characters in place, where slicing it
 * out to look it up in a Map made a string per occurrence only to throw it away.
 */
export class TextInterner {
  /** open addressing (a power of two slots, linear probing): the piece in each slot, and its hash */
  private pieces: (string | undefined)[];
  private hashes: Int32Array;
  /** a piece as the only item of a read-only list (a string literal's pieces), made when first asked for */
  private lists: (readonly string[] | undefined)[];
  private count = 0;

  /** `expected`: about how many different pieces there will be (the table grows past it, at a cost). */
  constructor(private readonly text: string, expected = 0) {
    let size = 1024;
    while (size < 2 * expected) size *= 2;
    this.pieces = new Array<string | undefined>(size).fill(undefined);
    this.hashes = new Int32Array(size);
    this.lists = new Array<readonly string[] | undefined>(size).fill(undefined);
  }

  /** The text from `start` to `end`, the same string every time the same characters are asked for. */
  intern(start: number, end: number): string {
    // The slot first: finding it can grow the table, and the piece must be read from the grown one.
    const slot = this.slotOf(start, end, -1);
    return this.pieces[slot]!;
  }

  /**
   * `[text]` for the text from `start` to `end`, the same list every time; undefined when the text has a backslash
   * (a string with escapes, decoded by the caller).
   */
  listUnlessEscaped(start: number, end: number): readonly string[] | undefined {
    const slot = this.slotOf(start, end, BACKSLASH);
    if (slot < 0) return undefined;
    let list = this.lists[slot];
    if (list === undefined) {
      list = [this.pieces[slot]!];
      this.lists[slot] = list;
    }
    return list;
  }

  /** The slot of the text from `start` to `end`, added when new; -1 when the text has the character `stop`. */
  private slotOf(start: number, end: number, stop: number): number {
    const text = this.text;
    const length = end - start;
    // FNV-1a over the UTF-16 code units.
    let hash = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code === stop) return -1;
      hash = Math.imul(hash ^ code, 0x01000193);
    }
    const mask = this.pieces.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const piece = this.pieces[slot];
      if (piece === undefined) {
        this.pieces[slot] = text.slice(start, end);
        this.hashes[slot] = hash;
        if (++this.count * 2 <= this.pieces.length) return slot;
        this.grow();
        return this.slotOf(start, end, stop);
      }
      if (this.hashes[slot] === hash && piece.length === length && text.startsWith(piece, start)) return slot;
    }
  }

  private grow(): void {
    const [pieces, hashes, lists] = [this.pieces, this.hashes, this.lists];
    const size = pieces.length * 2;
    this.pieces = new Array<string | undefined>(size).fill(undefined);
    this.hashes = new Int32Array(size);
    this.lists = new Array<readonly string[] | undefined>(size).fill(undefined);
    const mask = size - 1;
    pieces.forEach((piece, index) => {
      if (piece === undefined) return;
      let slot = hashes[index]! & mask;
      while (this.pieces[slot] !== undefined) slot = (slot + 1) & mask;
      this.pieces[slot] = piece;
      this.hashes[slot] = hashes[index]!;
      this.lists[slot] = lists[index];
    });
  }
}

const BACKSLASH = 92;
