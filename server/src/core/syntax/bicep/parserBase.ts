/**
 * The token reader and error recovery shared by the Bicep parser's layers.
 *
 * Recovery works like the official parser's: a production that cannot continue throws a ParseFailure; the nearest
 * `recover` catches it, skips to one of its terminators and returns a SkippedSyntax holding every token consumed since
 * it started, so no token is ever lost. Diagnostics reported inside the abandoned attempt are dropped with it.
 */
import type { IdentifierSyntax, SkippedSyntax, SyntaxNode } from './syntax';
import type { BicepSyntaxDiagnostic, Token, TokenKind } from './tokens';

export const enum ExpressionFlags {
  None = 0,
  /** objects, arrays and for-expressions (not allowed inside string interpolation) */
  AllowComplexLiterals = 1,
  /** nested `resource` declarations among object members (resource bodies only) */
  AllowResourceDeclarations = 2,
}

export const enum Recovery {
  None = 0,
  /** an earlier piece already failed at the same place: do not report again */
  SuppressDiagnostics = 1,
  /** include the terminator in the skipped tokens */
  ConsumeTerminator = 2,
}

export type Terminators = ReadonlySet<TokenKind>;

export function terminators(...kinds: TokenKind[]): Terminators {
  return new Set(kinds);
}

/** Thrown by a production that cannot continue. Deliberately not an Error: capturing stacks would be wasted work. */
export class ParseFailure {
  constructor(readonly diagnostic: BicepSyntaxDiagnostic) {}
}

export const NO_TOKENS: Token[] = Object.freeze([]) as unknown as Token[];

const OPENERS = new Set<TokenKind>(['LeftBrace', 'LeftSquare', 'LeftParen']);
const OPENER_OF: Partial<Record<TokenKind, TokenKind>> = { RightBrace: 'LeftBrace', RightSquare: 'LeftSquare', RightParen: 'LeftParen' };
/** where skipping an over-deep region stops when not inside brackets */
const DEEP_SKIP_STOPS = terminators('NewLine', 'Comma', 'RightBrace', 'RightSquare', 'RightParen', 'StringMiddlePiece', 'StringRightPiece');
/** what ends the search for a missing closing bracket */
const CLOSER_SEARCH_STOPS = terminators('NewLine', 'RightBrace', 'RightSquare', 'RightParen', 'StringMiddlePiece', 'StringRightPiece');

/** For each opening bracket, the index of its closing bracket, or -1. One linear pass; unmatched brackets stay -1. */
export function matchBrackets(tokens: readonly Token[]): Int32Array {
  const matches = new Int32Array(tokens.length).fill(-1);
  const stack: number[] = [];
  const open: Partial<Record<TokenKind, number>> = { LeftBrace: 0, LeftSquare: 0, LeftParen: 0 };
  for (let i = 0; i < tokens.length; i++) {
    const kind = tokens[i]!.kind;
    if (OPENERS.has(kind)) {
      stack.push(i);
      open[kind]!++;
      continue;
    }
    const opener = OPENER_OF[kind];
    if (opener === undefined || open[opener] === 0) continue;
    // close the innermost opener of the same kind; openers above it stay unmatched
    for (;;) {
      const top = stack.pop()!;
      const topKind = tokens[top]!.kind;
      open[topKind]!--;
      if (topKind === opener) {
        matches[top] = i;
        break;
      }
    }
  }
  return matches;
}

export abstract class ParserBase {
  protected position = 0;
  protected depth = 0;
  protected readonly diagnostics: BicepSyntaxDiagnostic[] = [];
  protected readonly matches: Int32Array;
  private readonly lastIndex: number;

  constructor(protected readonly text: string, protected readonly tokens: Token[], protected readonly maxDepth: number) {
    this.matches = matchBrackets(tokens);
    this.lastIndex = tokens.length - 1;
  }

  // ------------------------------------------------------------ reading

  protected peek(): Token {
    return this.tokens[this.position]!;
  }

  protected peekAt(offset: number): Token {
    return this.tokens[Math.min(this.position + offset, this.lastIndex)]!;
  }

  /** The next token that is not a NewLine. */
  protected peekPastNewLines(from = this.position): Token {
    let p = from;
    while (p < this.lastIndex && this.tokens[p]!.kind === 'NewLine') p++;
    return this.tokens[p]!;
  }

  /** Consumes the current token; the EndOfFile token is never consumed. */
  protected read(): Token {
    const token = this.tokens[this.position]!;
    if (this.position < this.lastIndex) this.position++;
    return token;
  }

  protected isAtEnd(): boolean {
    return this.position >= this.lastIndex;
  }

  protected check(kind: TokenKind): boolean {
    return this.tokens[this.position]!.kind === kind;
  }

  protected checkKeyword(keyword: string, token = this.peek()): boolean {
    return token.kind === 'Identifier' && token.text === keyword;
  }

  protected previousTokenIsNewLine(): boolean {
    return this.position === 0 || this.tokens[this.position - 1]!.kind === 'NewLine';
  }

  protected expect(kind: TokenKind, message: string): Token {
    if (!this.check(kind)) this.fail(message);
    return this.read();
  }

  protected expectKeyword(keyword: string, message = `Expected the '${keyword}' keyword.`): Token {
    if (!this.checkKeyword(keyword)) this.fail(message);
    return this.read();
  }

  protected newLines(): Token[] {
    if (!this.check('NewLine')) return NO_TOKENS;
    const list: Token[] = [];
    while (this.check('NewLine')) list.push(this.read());
    return list;
  }

  protected pushNewLines(children: unknown[]): void {
    while (this.check('NewLine')) children.push(this.read());
  }

  // ------------------------------------------------------------ diagnostics and recovery

  /** Where a problem at `token` is reported: the token itself, or a point before a line break or the end. */
  protected spanAt(token: Token): { start: number; end: number } {
    return token.kind === 'NewLine' || token.kind === 'EndOfFile' || token.start === token.end
      ? { start: token.start, end: token.start }
      : { start: token.start, end: token.end };
  }

  protected fail(message: string, token = this.peek()): never {
    throw new ParseFailure({ span: this.spanAt(token), message });
  }

  protected report(diagnostic: BicepSyntaxDiagnostic): BicepSyntaxDiagnostic {
    this.diagnostics.push(diagnostic);
    return diagnostic;
  }

  /** Runs `parse`; if it fails, skips to a terminator and returns the consumed tokens as a SkippedSyntax. */
  protected recover<T>(parse: () => T, stops: Terminators, flags: Recovery = Recovery.None): T | SkippedSyntax {
    const startPosition = this.position;
    const diagnosticCount = this.diagnostics.length;
    const depth = this.depth;
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      this.diagnostics.length = diagnosticCount;
      this.depth = depth;
      while (!this.isAtEnd() && !stops.has(this.peek().kind)) this.read();
      if ((flags & Recovery.ConsumeTerminator) !== 0 && !this.isAtEnd()) this.read();
      const diagnostic = (flags & Recovery.SuppressDiagnostics) !== 0 ? undefined : this.report(error.diagnostic);
      return this.skippedRange(startPosition, this.position, diagnostic);
    }
  }

  /** Suppress the next piece's diagnostic when this piece is missing altogether (one error per gap, not three). */
  protected suppressAfter(node: SyntaxNode | Token | undefined): Recovery {
    return node !== undefined && node.kind === 'Skipped' && node.tokens.length === 0
      ? Recovery.SuppressDiagnostics
      : Recovery.None;
  }

  /** The tokens [from, to) as a skipped node; zero-length at the end of the previous token when empty. */
  protected skippedRange(from: number, to: number, diagnostic: BicepSyntaxDiagnostic | undefined): SkippedSyntax {
    if (to > from) {
      const tokens = this.tokens.slice(from, to);
      return { kind: 'Skipped', start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end, tokens, diagnostic };
    }
    const at = from > 0 ? this.tokens[from - 1]!.end : this.tokens[from]!.start;
    return { kind: 'Skipped', start: at, end: at, tokens: NO_TOKENS, diagnostic };
  }

  /** A zero-length marker of something missing here, with its diagnostic (unless suppressed). */
  protected skipEmpty(message: string | undefined, flags: Recovery = Recovery.None): SkippedSyntax {
    const node = this.skippedRange(this.position, this.position, undefined);
    if (message !== undefined && (flags & Recovery.SuppressDiagnostics) === 0) {
      node.diagnostic = this.report({ span: { start: node.start, end: node.end }, message });
    }
    return node;
  }

  /** Consumes tokens up to (not including) index `to` as a skipped node reported with `message`. */
  protected skipTo(to: number, message: string): SkippedSyntax {
    const from = this.position;
    while (this.position < to && !this.isAtEnd()) this.read();
    const node = this.skippedRange(from, this.position, undefined);
    node.diagnostic = this.report({ span: { start: node.start, end: node.end }, message });
    return node;
  }

  /**
   * The closing bracket `kind`. If other tokens come first on the same line, they are returned as `garbage` and the
   * bracket is consumed after them; if the bracket is missing, `close` is a zero-length marker.
   */
  protected closeBracket(kind: TokenKind, spelling: string): { close: Token | SkippedSyntax; garbage: SkippedSyntax | undefined } {
    if (this.check(kind)) return { close: this.read(), garbage: undefined };
    let p = this.position;
    for (;;) {
      const token = this.tokens[p]!;
      if (token.kind === kind) break;
      if (token.kind === 'EndOfFile' || CLOSER_SEARCH_STOPS.has(token.kind)) {
        return { close: this.skipEmpty(`Expected '${spelling}'.`), garbage: undefined };
      }
      const match = this.matches[p]!;
      p = match > p ? match + 1 : p + 1;
    }
    const garbage = this.skipTo(p, `Unexpected tokens before '${spelling}'.`);
    return { close: this.read(), garbage };
  }

  // ------------------------------------------------------------ identifiers

  protected identifierNode(token: Token): IdentifierSyntax {
    return { kind: 'IdentifierSyntax', start: token.start, end: token.end, token, name: token.text };
  }

  protected identifier(message: string): IdentifierSyntax {
    if (!this.check('Identifier')) this.fail(message);
    return this.identifierNode(this.read());
  }

  protected identifierOrSkip(message: string): IdentifierSyntax | SkippedSyntax {
    return this.check('Identifier') ? this.identifierNode(this.read()) : this.skipEmpty(message);
  }

  // ------------------------------------------------------------ nesting limit

  /** True when one more level of nesting would exceed the limit; then `skipTooDeep` replaces the construct. */
  protected tooDeep(): boolean {
    return this.depth >= this.maxDepth;
  }

  /**
   * Skips the over-deep construct at the current position, brackets balanced, without recursion. The skipped node
   * starts at token index `from`, so tokens already consumed by the construct can be folded in.
   */
  protected skipTooDeep(from = this.position): SkippedSyntax {
    let nesting = 0;
    for (;;) {
      const kind = this.peek().kind;
      if (kind === 'EndOfFile') break;
      if (OPENERS.has(kind) || kind === 'StringLeftPiece') {
        nesting++;
      } else if (OPENER_OF[kind] !== undefined || kind === 'StringRightPiece') {
        if (nesting === 0) break;
        nesting--;
      } else if (nesting === 0 && DEEP_SKIP_STOPS.has(kind)) {
        break;
      }
      this.read();
    }
    const node = this.skippedRange(from, this.position, undefined);
    node.diagnostic = this.report({
      span: { start: node.start, end: node.end },
      message: `Nesting deeper than ${this.maxDepth} levels is not supported; this part is skipped.`,
    });
    return node;
  }
}
