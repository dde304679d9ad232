/**
 * Bicep tokens and trivia. Every character of a document belongs to exactly one token or one trivia: a token's
 * leading trivia, its text, then its trailing trivia, and the next token starts where the previous one ended.
 * Offsets are UTF-16 code-unit offsets; spans are half-open [start, end).
 */
import type { Span } from '../../types';

export type TokenKind =
  | 'Unrecognized'
  | 'EndOfFile'
  /** a run of \r and \n characters */
  | 'NewLine'
  | 'Identifier'
  | 'Integer'
  /** 'text' without interpolation; also an unterminated single-line string */
  | 'StringComplete'
  /** 'text${ */
  | 'StringLeftPiece'
  /** }text${ */
  | 'StringMiddlePiece'
  /** }text' ; zero-length when a line ends inside an interpolation */
  | 'StringRightPiece'
  /** '''text''' or $'''text''' without interpolation */
  | 'MultilineString'
  | 'LeftBrace' | 'RightBrace' | 'LeftParen' | 'RightParen' | 'LeftSquare' | 'RightSquare'
  | 'Comma' | 'Dot' | 'Ellipsis' | 'Question' | 'DoubleQuestion' | 'Colon' | 'DoubleColon' | 'Semicolon'
  | 'Assignment' | 'Arrow' | 'At' | 'Pipe' | 'Hat'
  | 'Plus' | 'Minus' | 'Asterisk' | 'Slash' | 'Modulo' | 'Exclamation'
  | 'LessThan' | 'LessThanOrEqual' | 'GreaterThan' | 'GreaterThanOrEqual'
  | 'Equals' | 'NotEquals' | 'EqualsInsensitive' | 'NotEqualsInsensitive'
  | 'LogicalAnd' | 'LogicalOr'
  | 'TrueKeyword' | 'FalseKeyword' | 'NullKeyword';

export type TriviaKind =
  | 'Whitespace'
  | 'SingleLineComment'
  | 'MultiLineComment'
  | 'ByteOrderMark'
  /** #disable-next-line code1 code2 */
  | 'DisableNextLinePragma'
  /** #disable-diagnostics code1 code2 */
  | 'DisableDiagnosticsPragma'
  /** #restore-diagnostics code1 code2 */
  | 'RestoreDiagnosticsPragma';

/** One diagnostic code named by a pragma, with its position. */
export interface PragmaCode extends Span {
  text: string;
}

export interface Trivia extends Span {
  kind: TriviaKind;
  text: string;
  /** the codes named by a pragma; undefined for other trivia */
  codes: readonly PragmaCode[] | undefined;
}

export interface Token extends Span {
  kind: TokenKind;
  /** the token's own text, without trivia */
  text: string;
  /** trivia between the previous token and this one (whitespace, comments, pragmas, a BOM) */
  leadingTrivia: readonly Trivia[];
  /** whitespace and comments after the token on the same line; only whitespace for NewLine tokens */
  trailingTrivia: readonly Trivia[];
}

export interface BicepSyntaxDiagnostic {
  span: Span;
  message: string;
}

export const NO_TRIVIA: readonly Trivia[] = Object.freeze([]);

export function isPragmaTrivia(trivia: Trivia): boolean {
  return trivia.codes !== undefined;
}

export function isCommentTrivia(trivia: Trivia): boolean {
  return trivia.kind === 'SingleLineComment' || trivia.kind === 'MultiLineComment';
}

/** Where the token's leading trivia starts. */
export function tokenFullStart(token: Token): number {
  return token.leadingTrivia.length > 0 ? token.leadingTrivia[0]!.start : token.start;
}

/** Where the token's trailing trivia ends. */
export function tokenFullEnd(token: Token): number {
  const trailing = token.trailingTrivia;
  return trailing.length > 0 ? trailing[trailing.length - 1]!.end : token.end;
}

/** The token with its trivia, exactly as in the source. */
export function tokenFullText(token: Token): string {
  if (token.leadingTrivia.length === 0 && token.trailingTrivia.length === 0) return token.text;
  let out = '';
  for (const trivia of token.leadingTrivia) out += trivia.text;
  out += token.text;
  for (const trivia of token.trailingTrivia) out += trivia.text;
  return out;
}

/** The spelling of fixed-text tokens, for messages. */
export const TOKEN_SPELLING: Partial<Record<TokenKind, string>> = {
  LeftBrace: '{', RightBrace: '}', LeftParen: '(', RightParen: ')', LeftSquare: '[', RightSquare: ']',
  Comma: ',', Dot: '.', Ellipsis: '...', Question: '?', DoubleQuestion: '??', Colon: ':', DoubleColon: '::',
  Semicolon: ';', Assignment: '=', Arrow: '=>', At: '@', Pipe: '|', Hat: '^', Plus: '+', Minus: '-', Asterisk: '*',
  Slash: '/', Modulo: '%', Exclamation: '!', LessThan: '<', LessThanOrEqual: '<=', GreaterThan: '>',
  GreaterThanOrEqual: '>=', Equals: '==', NotEquals: '!=', EqualsInsensitive: '=~', NotEqualsInsensitive: '!~',
  LogicalAnd: '&&', LogicalOr: '||', TrueKeyword: 'true', FalseKeyword: 'false', NullKeyword: 'null',
};

/**
 * Binding strength of binary operators (higher binds tighter); 0 for tokens that are not binary operators.
 * The ternary operator binds loosest of all and is handled separately.
 */
export function binaryPrecedence(kind: TokenKind): number {
  switch (kind) {
    case 'Asterisk': case 'Slash': case 'Modulo': return 100;
    case 'Plus': case 'Minus': return 90;
    case 'LessThan': case 'LessThanOrEqual': case 'GreaterThan': case 'GreaterThanOrEqual': return 80;
    case 'Equals': case 'NotEquals': case 'EqualsInsensitive': case 'NotEqualsInsensitive': return 70;
    case 'LogicalAnd': return 50;
    case 'LogicalOr': return 40;
    case 'DoubleQuestion': return 30;
    default: return 0;
  }
}

export function isUnaryOperator(kind: TokenKind): boolean {
  return kind === 'Exclamation' || kind === 'Minus' || kind === 'Plus';
}
