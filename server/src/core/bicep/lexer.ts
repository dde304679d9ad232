/**
 * Bicep lexer (after Azure/bicep's Lexer.cs). Never throws; O(n). Every character belongs to exactly one token:
 * a token covers its leading trivia (whitespace, comments, pragmas, a BOM) from `fullStart`, and its text from
 * `start` to `end`, so concatenating the tokens reproduces the source. Newline runs are tokens of their own.
 */

export type TokenKind =
  | 'identifier' | 'integer' | 'string' | 'stringLeft' | 'stringMiddle' | 'stringRight' | 'multilineString'
  | 'newline' | 'eof' | 'unrecognized'
  | '{' | '}' | '[' | ']' | '(' | ')' | ',' | '.' | '.?' | ':' | '::' | '?' | '??' | '=' | '==' | '!=' | '=~' | '!~'
  | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%' | '!' | '&&' | '||' | '=>' | '@' | '...' | '|' | '^';

export interface Token {
  kind: TokenKind;
  /** where its leading trivia starts */
  fullStart: number;
  start: number;
  end: number;
}

/**
 * The tokens of a file as parallel arrays, read by index. A megabyte of Bicep has about 200,000 tokens; one object
 * each was a third of the parse in allocation and young-generation copying, since they all live as long as the file.
 */
export class TokenList {
  private kinds: TokenKind[] = [];
  private offsets = new Int32Array(3 * 1024);

  get length(): number {
    return this.kinds.length;
  }

  push(kind: TokenKind, fullStart: number, start: number, end: number): void {
    const at = this.kinds.length * 3;
    if (at + 3 > this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[at] = fullStart;
    this.offsets[at + 1] = start;
    this.offsets[at + 2] = end;
    this.kinds.push(kind);
  }

  kind(index: number): TokenKind {
    return this.kinds[index]!;
  }

  /** where the token's leading trivia starts */
  fullStart(index: number): number {
    return this.offsets[index * 3]!;
  }

  start(index: number): number {
    return this.offsets[index * 3 + 1]!;
  }

  end(index: number): number {
    return this.offsets[index * 3 + 2]!;
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
 * The punctuation token at `i`, longest first; its kind is its text. A switch on the character code: this runs for
 * about every second token.
 */
function punctuationAt(text: string, i: number): TokenKind | undefined {
  const next = text.charCodeAt(i + 1);
  switch (text.charCodeAt(i)) {
    case 46 /* . */: return next === 46 && text.charCodeAt(i + 2) === 46 ? '...' : next === 63 ? '.?' : '.';
    case 63 /* ? */: return next === 63 ? '??' : '?';
    case 61 /* = */: return next === 61 ? '==' : next === 126 ? '=~' : next === 62 ? '=>' : '=';
    case 33 /* ! */: return next === 61 ? '!=' : next === 126 ? '!~' : '!';
    case 60 /* < */: return next === 61 ? '<=' : '<';
    case 62 /* > */: return next === 61 ? '>=' : '>';
    case 38 /* & */: return next === 38 ? '&&' : undefined;
    case 124 /* | */: return next === 124 ? '||' : '|';
    case 58 /* : */: return next === 58 ? '::' : ':';
    case 123: return '{';
    case 125: return '}';
    case 91: return '[';
    case 93: return ']';
    case 40: return '(';
    case 41: return ')';
    case 44: return ',';
    case 43: return '+';
    case 45: return '-';
    case 42: return '*';
    case 47: return '/';
    case 37: return '%';
    case 64: return '@';
    case 94: return '^';
    default: return undefined;
  }
}

const isIdentifierStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentifierPart = (c: number) => isIdentifierStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;

export function lexBicep(text: string): LexResult {
  const tokens = new TokenList();
  const pragmas: Pragma[] = [];
  const diagnostics: LexDiagnostic[] = [];
  /** open braces inside each active interpolation: `}` at depth 0 resumes the string */
  const holes: number[] = [];
  let i = 0;
  let lineStart = true;

  const push = (kind: TokenKind, fullStart: number, start: number, end: number) => {
    tokens.push(kind, fullStart, start, end);
    lineStart = kind === 'newline';
  };

  /** Reads a string body from `i` until `'` (complete) or `${` (a hole opens). */
  const stringBody = (fullStart: number, start: number, opening: 'string' | 'stringLeft' | 'continuation') => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) {
        i += 2;
        continue;
      }
      if (c === 39 /* ' */) {
        i++;
        push(opening === 'continuation' ? 'stringRight' : 'string', fullStart, start, i);
        return;
      }
      if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */) {
        i += 2;
        push(opening === 'continuation' ? 'stringMiddle' : 'stringLeft', fullStart, start, i);
        holes.push(0);
        return;
      }
      if (c === 10 || c === 13) break;
      i++;
    }
    diagnostics.push({ start, end: i, message: 'The string is not terminated.' });
    push(opening === 'continuation' ? 'stringRight' : 'string', fullStart, start, i);
  };

  while (i <= text.length) {
    const fullStart = i;
    // Leading trivia.
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 0xfeff) i++;
      else if (c === 47 && text.charCodeAt(i + 1) === 47) {
        while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) diagnostics.push({ start: i, end: text.length, message: 'The comment is not terminated.' });
        i = close < 0 ? text.length : close + 2;
      } else if (c === 35 /* # */ && lineStart && /^#(disable-next-line|disable-diagnostics|restore-diagnostics)\b/.test(text.slice(i, i + 24))) {
        const start = i;
        while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
        const [head, ...codes] = text.slice(start + 1, i).trim().split(/\s+/);
        pragmas.push({ kind: head as Pragma['kind'], codes, start, end: i });
      } else break;
    }
    const start = i;
    if (i >= text.length) {
      push('eof', fullStart, start, start);
      break;
    }
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      while (i < text.length) {
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
      push('newline', fullStart, start, i);
      continue;
    }
    if (c === 39 /* ' */) {
      if (text.startsWith("'''", i)) {
        const close = text.indexOf("'''", i + 3);
        let end = close < 0 ? text.length : close + 3;
        while (close >= 0 && text.charCodeAt(end) === 39) end++;
        if (close < 0) diagnostics.push({ start, end, message: 'The multi-line string is not terminated.' });
        i = end;
        push('multilineString', fullStart, start, i);
        continue;
      }
      i++;
      stringBody(fullStart, start, 'string');
      continue;
    }
    if (c === 125 /* } */ && holes.length > 0 && holes[holes.length - 1] === 0) {
      holes.pop();
      i++;
      stringBody(fullStart, start, 'continuation');
      continue;
    }
    if (isIdentifierStart(c)) {
      i++;
      while (i < text.length && isIdentifierPart(text.charCodeAt(i))) i++;
      push('identifier', fullStart, start, i);
      continue;
    }
    if (isDigit(c)) {
      i++;
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      push('integer', fullStart, start, i);
      continue;
    }
    const kind = punctuationAt(text, i);
    if (kind) {
      if (holes.length > 0 && kind === '{') holes[holes.length - 1]!++;
      if (holes.length > 0 && kind === '}') holes[holes.length - 1]!--;
      i += kind.length;
      push(kind, fullStart, start, i);
      continue;
    }
    i++;
    diagnostics.push({ start, end: i, message: `Unexpected character '${text[start]}'.` });
    push('unrecognized', fullStart, start, i);
  }
  return { tokens, pragmas, diagnostics };
}
