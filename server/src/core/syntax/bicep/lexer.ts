/**
 * The Bicep lexer: hand-written, one pass, never throws. Malformed input becomes Unrecognized tokens, unterminated
 * strings and comments still become tokens and trivia, and each problem adds a diagnostic.
 */
import { NO_TRIVIA, type BicepSyntaxDiagnostic, type PragmaCode, type Token, type TokenKind, type Trivia, type TriviaKind } from './tokens';

export interface LexResult {
  /** ends with exactly one EndOfFile token */
  tokens: Token[];
  diagnostics: BicepSyntaxDiagnostic[];
}

export const MAX_IDENTIFIER_LENGTH = 255;

const enum Ch {
  Tab = 9, LineFeed = 10, CarriageReturn = 13, Space = 32, Bang = 33, DoubleQuote = 34, Hash = 35, Dollar = 36,
  Percent = 37, Ampersand = 38, Quote = 39, OpenParen = 40, CloseParen = 41, Asterisk = 42, Plus = 43, Comma = 44,
  Minus = 45, Dot = 46, Slash = 47, Digit0 = 48, Digit9 = 57, Colon = 58, Semicolon = 59, Less = 60, Equals = 61,
  Greater = 62, Question = 63, At = 64, UpperA = 65, UpperF = 70, UpperZ = 90, OpenSquare = 91, Backslash = 92,
  CloseSquare = 93, Caret = 94, Underscore = 95, LowerA = 97, LowerF = 102, LowerN = 110, LowerR = 114, LowerT = 116,
  LowerU = 117, LowerZ = 122, OpenBrace = 123, Pipe = 124, CloseBrace = 125, Tilde = 126, ByteOrderMark = 0xfeff,
}

const PRAGMAS: readonly { keyword: string; kind: TriviaKind }[] = [
  { keyword: 'disable-next-line', kind: 'DisableNextLinePragma' },
  { keyword: 'disable-diagnostics', kind: 'DisableDiagnosticsPragma' },
  { keyword: 'restore-diagnostics', kind: 'RestoreDiagnosticsPragma' },
];

/** Template stack entries: an object brace opened inside a hole, or a hole of a single-line or multi-line string. */
const BRACE_ENTRY = -1;
const SINGLE_LINE_HOLE = 0;
// a positive entry n is a hole of a multi-line string opened with n dollar signs

export const VALID_ESCAPES = "\\\\ \\' \\n \\r \\t \\$ \\u{...}";

export function isIdentifierStart(c: number): boolean {
  return (c >= Ch.LowerA && c <= Ch.LowerZ) || (c >= Ch.UpperA && c <= Ch.UpperZ) || c === Ch.Underscore;
}

export function isIdentifierContinuation(c: number): boolean {
  return isIdentifierStart(c) || (c >= Ch.Digit0 && c <= Ch.Digit9);
}

export function isHexDigit(c: number): boolean {
  return (c >= Ch.Digit0 && c <= Ch.Digit9) || (c >= Ch.LowerA && c <= Ch.LowerF) || (c >= Ch.UpperA && c <= Ch.UpperF);
}

function isNewLineChar(c: number): boolean {
  return c === Ch.LineFeed || c === Ch.CarriageReturn;
}

function isPragmaCodeChar(c: number): boolean {
  return isIdentifierContinuation(c) || c === Ch.Minus;
}

/** True for an identifier Bicep accepts: [A-Za-z_][A-Za-z0-9_]*. */
export function isValidIdentifier(text: string): boolean {
  if (text.length === 0 || !isIdentifierStart(text.charCodeAt(0))) return false;
  for (let i = 1; i < text.length; i++) if (!isIdentifierContinuation(text.charCodeAt(i))) return false;
  return true;
}

export function lexBicep(text: string): LexResult {
  return new Lexer(text).run();
}

class Lexer {
  private pos = 0;
  private readonly tokens: Token[] = [];
  private readonly diagnostics: BicepSyntaxDiagnostic[] = [];
  private readonly templateStack: number[] = [];
  private readonly length: number;

  constructor(private readonly text: string) {
    this.length = text.length;
  }

  run(): LexResult {
    for (;;) {
      const token = this.lexToken();
      this.tokens.push(token);
      if (token.kind === 'EndOfFile') break;
    }
    return { tokens: this.tokens, diagnostics: this.diagnostics };
  }

  private report(start: number, end: number, message: string): void {
    this.diagnostics.push({ span: { start, end }, message });
  }

  private lexToken(): Token {
    const leadingTrivia = this.scanLeadingTrivia();
    const start = this.pos;
    const kind = this.scanToken(start);
    const end = this.pos;
    const trailingTrivia = kind === 'EndOfFile' ? NO_TRIVIA : this.scanTrailingTrivia(kind !== 'NewLine');
    return { kind, start, end, text: this.text.slice(start, end), leadingTrivia, trailingTrivia };
  }

  private trivia(kind: TriviaKind, start: number, codes?: PragmaCode[]): Trivia {
    return { kind, start, end: this.pos, text: this.text.slice(start, this.pos), codes };
  }

  private scanLeadingTrivia(): readonly Trivia[] {
    let list: Trivia[] | undefined;
    let afterComment = false;
    while (this.pos < this.length) {
      const start = this.pos;
      const c = this.text.charCodeAt(start);
      let item: Trivia | undefined;
      if (c === Ch.Space || c === Ch.Tab) {
        item = this.scanWhitespace();
      } else if (c === Ch.Slash) {
        item = this.scanComment();
        if (item === undefined) break;
        afterComment = true;
        (list ??= []).push(item);
        continue;
      } else if (c === Ch.ByteOrderMark && start === 0) {
        this.pos++;
        item = this.trivia('ByteOrderMark', start);
      } else if (c === Ch.Hash && !afterComment) {
        item = this.scanPragma();
        if (item === undefined) break;
      } else {
        break;
      }
      afterComment = false;
      (list ??= []).push(item);
    }
    return list ?? NO_TRIVIA;
  }

  private scanTrailingTrivia(includeComments: boolean): readonly Trivia[] {
    let list: Trivia[] | undefined;
    while (this.pos < this.length) {
      const c = this.text.charCodeAt(this.pos);
      let item: Trivia | undefined;
      if (c === Ch.Space || c === Ch.Tab) item = this.scanWhitespace();
      else if (c === Ch.Slash && includeComments) item = this.scanComment();
      if (item === undefined) break;
      (list ??= []).push(item);
    }
    return list ?? NO_TRIVIA;
  }

  private scanWhitespace(): Trivia {
    const start = this.pos;
    let c: number;
    do {
      this.pos++;
      c = this.text.charCodeAt(this.pos);
    } while (c === Ch.Space || c === Ch.Tab);
    return this.trivia('Whitespace', start);
  }

  /** A // or /* comment at the current position, or undefined when the slash starts no comment. */
  private scanComment(): Trivia | undefined {
    const start = this.pos;
    const next = this.text.charCodeAt(start + 1);
    if (next === Ch.Slash) {
      let p = start + 2;
      while (p < this.length && !isNewLineChar(this.text.charCodeAt(p))) p++;
      this.pos = p;
      return this.trivia('SingleLineComment', start);
    }
    if (next !== Ch.Asterisk) return undefined;
    const close = this.text.indexOf('*/', start + 2);
    if (close < 0) {
      this.pos = this.length;
      this.report(start, this.length, 'The multi-line comment is not terminated: add */.');
    } else {
      this.pos = close + 2;
    }
    return this.trivia('MultiLineComment', start);
  }

  /** #disable-next-line and friends, only when nothing but whitespace precedes them on their line. */
  private scanPragma(): Trivia | undefined {
    const start = this.pos;
    const descriptor = PRAGMAS.find((p) => this.text.startsWith(p.keyword, start + 1));
    if (descriptor === undefined) return undefined;
    let p = start + 1 + descriptor.keyword.length;
    const boundary = this.text.charCodeAt(p);
    if (p < this.length && boundary !== Ch.Space && boundary !== Ch.Tab && !isNewLineChar(boundary)) return undefined;
    if (!this.onlyWhitespaceBeforeOnLine(start)) return undefined;
    let end = p;
    const codes: PragmaCode[] = [];
    for (;;) {
      let q = p;
      while (q < this.length && (this.text.charCodeAt(q) === Ch.Space || this.text.charCodeAt(q) === Ch.Tab)) q++;
      if (q === p && codes.length > 0) break; // a code must be separated from the previous one
      let codeEnd = q;
      while (codeEnd < this.length && isPragmaCodeChar(this.text.charCodeAt(codeEnd))) codeEnd++;
      if (codeEnd === q) break;
      codes.push({ text: this.text.slice(q, codeEnd), start: q, end: codeEnd });
      p = end = codeEnd;
    }
    this.pos = end;
    if (codes.length === 0) {
      this.report(start, end, `#${descriptor.keyword} must name at least one diagnostic code.`);
    }
    return this.trivia(descriptor.kind, start, codes);
  }

  private onlyWhitespaceBeforeOnLine(offset: number): boolean {
    let p = offset - 1;
    while (p >= 0) {
      const c = this.text.charCodeAt(p);
      if (isNewLineChar(c)) return true;
      if (c !== Ch.Space && c !== Ch.Tab && !(c === Ch.ByteOrderMark && p === 0)) return false;
      p--;
    }
    return true;
  }

  private follows(offset: number, c: number): boolean {
    return this.text.charCodeAt(offset) === c;
  }

  private scanToken(start: number): TokenKind {
    if (start >= this.length) return 'EndOfFile';
    const text = this.text;
    const c = text.charCodeAt(start);
    this.pos = start + 1;
    switch (c) {
      case Ch.OpenBrace:
        if (this.templateStack.length > 0) this.templateStack.push(BRACE_ENTRY);
        return 'LeftBrace';
      case Ch.CloseBrace:
        return this.scanCloseBrace();
      case Ch.OpenParen: return 'LeftParen';
      case Ch.CloseParen: return 'RightParen';
      case Ch.OpenSquare: return 'LeftSquare';
      case Ch.CloseSquare: return 'RightSquare';
      case Ch.At: return 'At';
      case Ch.Comma: return 'Comma';
      case Ch.Semicolon: return 'Semicolon';
      case Ch.Caret: return 'Hat';
      case Ch.Percent: return 'Modulo';
      case Ch.Asterisk: return 'Asterisk';
      case Ch.Slash: return 'Slash';
      case Ch.Plus: return 'Plus';
      case Ch.Minus: return 'Minus';
      case Ch.Dot:
        if (this.follows(start + 1, Ch.Dot) && this.follows(start + 2, Ch.Dot)) {
          this.pos = start + 3;
          return 'Ellipsis';
        }
        return 'Dot';
      case Ch.Question: return this.pair(Ch.Question, 'DoubleQuestion', 'Question');
      case Ch.Colon: return this.pair(Ch.Colon, 'DoubleColon', 'Colon');
      case Ch.Bang:
        if (this.follows(this.pos, Ch.Equals)) return this.take(1, 'NotEquals');
        if (this.follows(this.pos, Ch.Tilde)) return this.take(1, 'NotEqualsInsensitive');
        return 'Exclamation';
      case Ch.Less: return this.pair(Ch.Equals, 'LessThanOrEqual', 'LessThan');
      case Ch.Greater: return this.pair(Ch.Equals, 'GreaterThanOrEqual', 'GreaterThan');
      case Ch.Equals:
        if (this.follows(this.pos, Ch.Equals)) return this.take(1, 'Equals');
        if (this.follows(this.pos, Ch.Tilde)) return this.take(1, 'EqualsInsensitive');
        if (this.follows(this.pos, Ch.Greater)) return this.take(1, 'Arrow');
        return 'Assignment';
      case Ch.Ampersand:
        if (this.follows(this.pos, Ch.Ampersand)) return this.take(1, 'LogicalAnd');
        this.report(start, this.pos, "Unrecognized token '&'; did you mean '&&'?");
        return 'Unrecognized';
      case Ch.Pipe: return this.pair(Ch.Pipe, 'LogicalOr', 'Pipe');
      case Ch.Quote:
        if (this.follows(this.pos, Ch.Quote) && this.follows(this.pos + 1, Ch.Quote)) {
          this.pos += 2;
          return this.scanMultilineString(start, true, 0);
        }
        return this.startSingleLineString(start);
      case Ch.Dollar:
        return this.scanDollar(start);
      case Ch.LineFeed:
      case Ch.CarriageReturn:
        if (this.templateStack.length > 0) {
          // a line break inside an interpolation: end the string here and lex the line break again as a NewLine
          this.pos = start;
          this.templateStack.length = 0;
          this.report(start, start, 'The string is not terminated before the end of the line: add the closing quote.');
          return 'StringRightPiece';
        }
        while (this.pos < this.length && isNewLineChar(text.charCodeAt(this.pos))) this.pos++;
        return 'NewLine';
      case Ch.DoubleQuote:
        this.report(start, this.pos, 'Bicep strings use single quotes (\'), not double quotes.');
        return 'Unrecognized';
      default:
        if (c >= Ch.Digit0 && c <= Ch.Digit9) {
          while (this.pos < this.length && this.isDigitAt(this.pos)) this.pos++;
          return 'Integer';
        }
        if (isIdentifierStart(c)) return this.scanIdentifier(start);
        return this.unrecognized(start, c);
    }
  }

  private isDigitAt(offset: number): boolean {
    const c = this.text.charCodeAt(offset);
    return c >= Ch.Digit0 && c <= Ch.Digit9;
  }

  private take(extra: number, kind: TokenKind): TokenKind {
    this.pos += extra;
    return kind;
  }

  private pair(second: number, double: TokenKind, single: TokenKind): TokenKind {
    return this.follows(this.pos, second) ? this.take(1, double) : single;
  }

  private unrecognized(start: number, c: number): TokenKind {
    // keep a surrogate pair together so no token splits a character
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = this.text.charCodeAt(this.pos);
      if (low >= 0xdc00 && low <= 0xdfff) this.pos++;
    }
    this.report(start, this.pos, `Unrecognized token '${this.text.slice(start, this.pos)}'.`);
    return 'Unrecognized';
  }

  private scanIdentifier(start: number): TokenKind {
    while (this.pos < this.length && isIdentifierContinuation(this.text.charCodeAt(this.pos))) this.pos++;
    const length = this.pos - start;
    if (length === 4 || length === 5) {
      const word = this.text.slice(start, this.pos);
      if (word === 'true') return 'TrueKeyword';
      if (word === 'false') return 'FalseKeyword';
      if (word === 'null') return 'NullKeyword';
    }
    if (length > MAX_IDENTIFIER_LENGTH) {
      this.report(start, this.pos, `Identifiers are limited to ${MAX_IDENTIFIER_LENGTH} characters.`);
    }
    return 'Identifier';
  }

  private scanCloseBrace(): TokenKind {
    const stack = this.templateStack;
    if (stack.length === 0) return 'RightBrace';
    const top = stack[stack.length - 1]!;
    if (top === BRACE_ENTRY) {
      stack.pop();
      return 'RightBrace';
    }
    const start = this.pos - 1;
    const kind = top === SINGLE_LINE_HOLE
      ? this.scanStringSegment(start, false)
      : this.scanMultilineString(start, false, top);
    if (kind === 'StringRightPiece') stack.pop();
    return kind;
  }

  private startSingleLineString(start: number): TokenKind {
    const kind = this.scanStringSegment(start, true);
    if (kind === 'StringLeftPiece') this.templateStack.push(SINGLE_LINE_HOLE);
    return kind;
  }

  private scanDollar(start: number): TokenKind {
    while (this.follows(this.pos, Ch.Dollar)) this.pos++;
    const dollars = this.pos - start;
    if (this.follows(this.pos, Ch.Quote) && this.follows(this.pos + 1, Ch.Quote) && this.follows(this.pos + 2, Ch.Quote)) {
      this.pos += 3;
      const kind = this.scanMultilineString(start, true, dollars);
      if (kind === 'StringLeftPiece') this.templateStack.push(dollars);
      return kind;
    }
    this.report(start, this.pos, `Unrecognized token '${this.text.slice(start, this.pos)}'.`);
    return 'Unrecognized';
  }

  /**
   * The rest of a multi-line string after its opening (''' or $''') or after the } closing a hole. With dollars > 0,
   * a run of at least that many $ followed by { opens a hole. The string ends at the first run of three or more quotes.
   */
  private scanMultilineString(start: number, isFirst: boolean, dollars: number): TokenKind {
    const text = this.text;
    while (this.pos < this.length) {
      const c = text.charCodeAt(this.pos);
      if (c === Ch.Dollar) {
        const runStart = this.pos;
        while (this.follows(this.pos, Ch.Dollar)) this.pos++;
        if (dollars > 0 && this.pos - runStart >= dollars && this.follows(this.pos, Ch.OpenBrace)) {
          this.pos++;
          return isFirst ? 'StringLeftPiece' : 'StringMiddlePiece';
        }
      } else if (c === Ch.Quote) {
        const runStart = this.pos;
        while (this.follows(this.pos, Ch.Quote)) this.pos++;
        if (this.pos - runStart >= 3) return isFirst ? 'MultilineString' : 'StringRightPiece';
      } else {
        this.pos++;
      }
    }
    this.report(start, this.pos, "The multi-line string is not terminated: add '''.");
    return isFirst ? 'MultilineString' : 'StringRightPiece';
  }

  /** A single-line string from its opening quote or from the } closing a hole, up to the closing quote or the next ${. */
  private scanStringSegment(start: number, isFirst: boolean): TokenKind {
    const text = this.text;
    const complete: TokenKind = isFirst ? 'StringComplete' : 'StringRightPiece';
    for (;;) {
      if (this.pos >= this.length) {
        this.report(start, this.pos, 'The string is not terminated: add the closing quote.');
        return complete;
      }
      const c = text.charCodeAt(this.pos);
      if (isNewLineChar(c)) {
        this.report(start, this.pos, 'The string is not terminated before the end of the line: add the closing quote.');
        return complete;
      }
      this.pos++;
      if (c === Ch.Quote) return complete;
      if (c === Ch.Dollar && this.follows(this.pos, Ch.OpenBrace)) {
        this.pos++;
        return isFirst ? 'StringLeftPiece' : 'StringMiddlePiece';
      }
      if (c === Ch.Backslash) this.scanEscape(this.pos - 1);
    }
  }

  /** Validates the escape sequence whose backslash is at `escapeStart`; leaves line breaks for the caller. */
  private scanEscape(escapeStart: number): void {
    if (this.pos >= this.length) {
      this.report(escapeStart, this.pos, 'The escape sequence is not terminated.');
      return;
    }
    const e = this.text.charCodeAt(this.pos);
    if (isNewLineChar(e)) return;
    this.pos++;
    switch (e) {
      case Ch.LowerN: case Ch.LowerR: case Ch.LowerT: case Ch.Backslash: case Ch.Quote:
        return;
      case Ch.Dollar:
        if (this.follows(this.pos, Ch.OpenBrace)) this.pos++; // \${ is a literal ${
        return;
      case Ch.LowerU:
        this.scanUnicodeEscape(escapeStart);
        return;
      default:
        this.report(escapeStart, this.pos, `Unrecognized escape sequence; valid escapes are ${VALID_ESCAPES}.`);
    }
  }

  private scanUnicodeEscape(escapeStart: number): void {
    const invalid = () => this.report(escapeStart, this.pos, 'Invalid Unicode escape: use \\u{X} with 1 to 6 hexadecimal digits up to 10FFFF.');
    if (!this.follows(this.pos, Ch.OpenBrace)) return invalid();
    this.pos++;
    const digitsStart = this.pos;
    while (this.pos < this.length && isHexDigit(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.pos === digitsStart || !this.follows(this.pos, Ch.CloseBrace)) return invalid();
    const digits = this.text.slice(digitsStart, this.pos);
    this.pos++;
    if (digits.replace(/^0+/, '').length > 6 || parseInt(digits, 16) > 0x10ffff) invalid();
  }
}
