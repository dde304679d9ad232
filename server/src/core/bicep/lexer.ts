/**
 * Bicep lexer (after Azure/bicep's Lexer.cs). Never throws; O(n). Every character belongs to exactly one token:
 * a token covers its leading trivia (whitespace, comments, pragmas, a BOM) from `fullStart`, and its text from
 * `start` to `end`, so concatenating the tokens reproduces the source. Newline runs are tokens of their own.
 */

const TOKEN_KINDS = [
  'identifier', 'integer', 'string', 'stringLeft', 'stringMiddle', 'stringRight', 'multilineString',
  'newline', 'eof', 'unrecognized',
  '{', '}', '[', ']', '(', ')', ',', '.', '.?', ':', '::', '?', '??', '=', '==', '!=', '=~', '!~',
  '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '!', '&&', '||', '=>', '@', '...', '|', '^',
] as const;

export type TokenKind = (typeof TOKEN_KINDS)[number];

/** Each token kind's number, as a TokenList stores it. */
const CODE = Object.fromEntries(TOKEN_KINDS.map((kind, code) => [kind, code])) as Record<TokenKind, number>;

export interface Token {
  kind: TokenKind;
  /** where its leading trivia starts */
  fullStart: number;
  start: number;
  end: number;
}

function grown<T extends Int32Array | Uint8Array>(array: T): T {
  const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
  larger.set(array);
  return larger;
}

/**
 * The tokens of a file as parallel typed arrays, read by index, kinds as numbers. A megabyte of Bicep has about
 * 200,000 tokens; one object each was a third of the parse in allocation and young-generation copying, since they
 * all live as long as the file, and an array of kind strings still cost a sixth of the parse as it grew.
 */
export class TokenList {
  private kinds: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private count = 0;

  /** `expected`: a guess of the token count, so a file's arrays are rarely grown. */
  constructor(expected = 1024) {
    this.kinds = new Uint8Array(expected);
    this.starts = new Int32Array(expected);
    this.ends = new Int32Array(expected);
  }

  get length(): number {
    return this.count;
  }

  /** `code`: the kind's number (`CODE`), so the lexer stores a token without looking its kind up by text. */
  push(code: number, start: number, end: number): void {
    const index = this.count++;
    if (index === this.starts.length) {
      this.kinds = grown(this.kinds);
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
    }
    this.kinds[index] = code;
    this.starts[index] = start;
    this.ends[index] = end;
  }

  /** Gives back the room left unused: the arrays live as long as the file. */
  trim(): void {
    if (this.count === this.starts.length) return;
    this.kinds = this.kinds.slice(0, this.count);
    this.starts = this.starts.slice(0, this.count);
    this.ends = this.ends.slice(0, this.count);
  }

  /** The kind of a token; past the last token (always `eof`), `eof` too. */
  kind(index: number): TokenKind {
    return index < this.count ? TOKEN_KINDS[this.kinds[index]!]! : 'eof';
  }

  /** where the token's leading trivia starts: where the previous token ends, as every character belongs to one */
  fullStart(index: number): number {
    return index === 0 ? 0 : this.ends[index - 1]!;
  }

  start(index: number): number {
    return this.starts[index]!;
  }

  end(index: number): number {
    return this.ends[index]!;
  }

  /** One token as an object, for callers that read few. */
  at(index: number): Token {
    return { kind: this.kind(index), fullStart: this.fullStart(index), start: this.start(index), end: this.end(index) };
  }

  toArray(): Token[] {
    return Array.from({ length: this.length }, (_, index) => this.at(index));
  }
}

export interface Pragma {
  kind: 'disable-next-line' | 'disable-diagnostics' | 'restore-diagnostics';
  codes: string[];
  start: number;
  end: number;
}

export interface LexDiagnostic {
  start: number;
  end: number;
  message: string;
}

export interface LexResult {
  tokens: TokenList;
  pragmas: Pragma[];
  diagnostics: LexDiagnostic[];
}

/**
 * The number of the punctuation token at `i`, longest first, or -1. A switch on the character code: this runs for
 * about every second token.
 */
function punctuationAt(text: string, i: number): number {
  const next = text.charCodeAt(i + 1);
  switch (text.charCodeAt(i)) {
    case 46 /* . */: return next === 46 && text.charCodeAt(i + 2) === 46 ? CODE['...'] : next === 63 ? CODE['.?'] : CODE['.'];
    case 63 /* ? */: return next === 63 ? CODE['??'] : CODE['?'];
    case 61 /* = */: return next === 61 ? CODE['=='] : next === 126 ? CODE['=~'] : next === 62 ? CODE['=>'] : CODE['='];
    case 33 /* ! */: return next === 61 ? CODE['!='] : next === 126 ? CODE['!~'] : CODE['!'];
    case 60 /* < */: return next === 61 ? CODE['<='] : CODE['<'];
    case 62 /* > */: return next === 61 ? CODE['>='] : CODE['>'];
    case 38 /* & */: return next === 38 ? CODE['&&'] : -1;
    case 124 /* | */: return next === 124 ? CODE['||'] : CODE['|'];
    case 58 /* : */: return next === 58 ? CODE['::'] : CODE[':'];
    case 123: return CODE['{'];
    case 125: return CODE['}'];
    case 91: return CODE['['];
    case 93: return CODE[']'];
    case 40: return CODE['('];
    case 41: return CODE[')'];
    case 44: return CODE[','];
    case 43: return CODE['+'];
    case 45: return CODE['-'];
    case 42: return CODE['*'];
    case 47: return CODE['/'];
    case 37: return CODE['%'];
    case 64: return CODE['@'];
    case 94: return CODE['^'];
    default: return -1;
  }
}

const isIdentifierStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentifierPart = (c: number) => isIdentifierStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;

/** What the lexer gathers besides tokens. */
interface LexState {
  tokens: TokenList;
  diagnostics: LexDiagnostic[];
  /** open braces inside each active interpolation: `}` at depth 0 resumes the string */
  holes: number[];
  /** for each active interpolation, the `$` count of its multi-line string (`$$'''`: 2), or 0 in a '...' string */
  holeDollars: number[];
}

/**
 * Reads a string body from `i` until `'` (complete) or `${` (a hole opens), pushes its token and returns where it
 * ends. A function of its own that takes and returns the position: a position shared with a closure lives in a
 * context object, and every step of the lexer's loop paid a memory access for it.
 */
function stringBody(text: string, i: number, start: number, continuation: boolean, state: LexState): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      // An escape takes the next character, whatever it is (a line break too, as in Bicep), but never one past the end:
      // a backslash ending the file ends the string there.
      i = Math.min(i + 2, text.length);
      continue;
    }
    if (c === 39 /* ' */) {
      i++;
      state.tokens.push(continuation ? CODE.stringRight : CODE.string, start, i);
      return i;
    }
    if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */) {
      i += 2;
      state.tokens.push(continuation ? CODE.stringMiddle : CODE.stringLeft, start, i);
      state.holes.push(0);
      state.holeDollars.push(0);
      return i;
    }
    if (c === 10 || c === 13) break;
    i++;
  }
  state.diagnostics.push({ start, end: i, message: 'The string is not terminated.' });
  state.tokens.push(continuation ? CODE.stringRight : CODE.string, start, i);
  return i;
}

/**
 * Reads the body of a multi-line string that interpolates (`$'''...${x}...'''`; with `dollars` = n, a hole opens at
 * n or more `$` and a `{`, and the extra `$` are text) until three or more quotes or a hole, as Bicep's lexer does.
 * There are no escapes. Pushes the piece's token and returns where it ends.
 */
function multilineBody(text: string, i: number, start: number, continuation: boolean, dollars: number, state: LexState): number {
  const length = text.length;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 36 /* $ */ || c === 39 /* ' */) {
      let run = 0;
      while (text.charCodeAt(i) === c) {
        i++;
        run++;
      }
      if (c === 36 && run >= dollars && text.charCodeAt(i) === 123 /* { */) {
        i++;
        state.tokens.push(continuation ? CODE.stringMiddle : CODE.stringLeft, start, i);
        state.holes.push(0);
        state.holeDollars.push(dollars);
        return i;
      }
      if (c === 39 && run >= 3) {
        state.tokens.push(continuation ? CODE.stringRight : CODE.multilineString, start, i);
        return i;
      }
    } else i++;
  }
  state.diagnostics.push({ start, end: i, message: 'The multi-line string is not terminated.' });
  state.tokens.push(continuation ? CODE.stringRight : CODE.multilineString, start, i);
  return i;
}

export function lexBicep(text: string): LexResult {
  // A megabyte of Bicep has about 200,000 tokens: one per five characters (a little more room, so it rarely grows).
  const tokens = new TokenList(Math.max(1024, Math.ceil(text.length / 4)));
  const pragmas: Pragma[] = [];
  const diagnostics: LexDiagnostic[] = [];
  const holes: number[] = [];
  const state: LexState = { tokens, diagnostics, holes, holeDollars: [] };
  const length = text.length;
  let i = 0;
  // A token's leading trivia starts where the previous token ends, so only its text's start and end are kept.
  // Pragmas count only at the start of a line: right after a newline token (or the file's start).
  let lineStart = true;

  // Ends at the end token, which every token list has: the parser stops at it.
  for (;;) {
    // Leading trivia.
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 0xfeff) i++;
      else if (c === 47 && text.charCodeAt(i + 1) === 47) {
        while (i < length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) diagnostics.push({ start: i, end: length, message: 'The comment is not terminated.' });
        i = close < 0 ? length : close + 2;
      } else if (c === 35 /* # */ && lineStart && /^#(disable-next-line|disable-diagnostics|restore-diagnostics)\b/.test(text.slice(i, i + 24))) {
        const start = i;
        while (i < length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
        const [head, ...codes] = text.slice(start + 1, i).trim().split(/\s+/);
        pragmas.push({ kind: head as Pragma['kind'], codes, start, end: i });
      } else break;
    }
    const start = i;
    if (i >= length) {
      tokens.push(CODE.eof, start, start);
      break;
    }
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      while (i < length) {
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13) i++;
        else if (d === 32 || d === 9) {
          // Blank lines fold into one newline token; indentation before code belongs to the next token.
          let j = i;
          while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
          const after = text.charCodeAt(j);
          if (after === 10 || after === 13) i = j;
          else break;
        } else break;
      }
      tokens.push(CODE.newline, start, i);
      lineStart = true;
      continue;
    }
    lineStart = false;
    if (c === 39 /* ' */) {
      if (text.startsWith("'''", i)) {
        const close = text.indexOf("'''", i + 3);
        let end = close < 0 ? length : close + 3;
        while (close >= 0 && text.charCodeAt(end) === 39) end++;
        if (close < 0) diagnostics.push({ start, end, message: 'The multi-line string is not terminated.' });
        i = end;
        tokens.push(CODE.multilineString, start, i);
        continue;
      }
      i = stringBody(text, i + 1, start, false, state);
      continue;
    }
    if (c === 125 /* } */ && holes.length > 0 && holes[holes.length - 1] === 0) {
      holes.pop();
      const dollars = state.holeDollars.pop()!;
      i = dollars > 0 ? multilineBody(text, i + 1, start, true, dollars, state) : stringBody(text, i + 1, start, true, state);
      continue;
    }
    if (c === 36 /* $ */) {
      // `$'''`, `$$'''`, ...: a multi-line string that interpolates.
      let quotes = i + 1;
      while (text.charCodeAt(quotes) === 36) quotes++;
      if (text.startsWith("'''", quotes)) {
        i = multilineBody(text, quotes + 3, start, false, quotes - i, state);
        continue;
      }
    }
    if (isIdentifierStart(c)) {
      i++;
      while (i < length && isIdentifierPart(text.charCodeAt(i))) i++;
      tokens.push(CODE.identifier, start, i);
      continue;
    }
    if (isDigit(c)) {
      i++;
      while (i < length && isDigit(text.charCodeAt(i))) i++;
      tokens.push(CODE.integer, start, i);
      continue;
    }
    const code = punctuationAt(text, i);
    if (code >= 0) {
      if (holes.length > 0 && code === CODE['{']) holes[holes.length - 1]!++;
      if (holes.length > 0 && code === CODE['}']) holes[holes.length - 1]!--;
      i += TOKEN_KINDS[code]!.length;
      tokens.push(code, start, i);
      continue;
    }
    i++;
    diagnostics.push({ start, end: i, message: `Unexpected character '${text[start]}'.` });
    tokens.push(CODE.unrecognized, start, i);
  }
  tokens.trim();
  return { tokens, pragmas, diagnostics };
}
