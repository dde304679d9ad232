/**
 * Decoding of string tokens: the literal text of each piece of a (possibly interpolated) string, with escapes
 * resolved, and the raw span of that text in the source (delimiters excluded).
 */
import type { Span } from '../../types';
import { isHexDigit } from './lexer';
import type { Token } from './tokens';

export interface StringSegment extends Span {
  /** the decoded text; best effort when the source has an invalid escape (the lexer reports it) */
  value: string;
}

export interface StringForm {
  /** ''' or $''' strings: no escapes, may span lines */
  multiline: boolean;
  /** the number of $ before ''' (0 without interpolation) */
  dollars: number;
}

const SINGLE_LINE: StringForm = { multiline: false, dollars: 0 };
const QUOTE = 39;
const DOLLAR = 36;
const OPEN_BRACE = 123;
const BACKSLASH = 92;

/** The form of a string, read from its first token. */
export function stringForm(first: Token): StringForm {
  const text = first.text;
  if (first.kind === 'MultilineString' || text.charCodeAt(0) === DOLLAR) {
    let dollars = 0;
    while (text.charCodeAt(dollars) === DOLLAR) dollars++;
    return { multiline: true, dollars };
  }
  return SINGLE_LINE;
}

/** The literal text carried by one string token (a complete string or one piece of an interpolated one). */
export function decodeStringPiece(source: string, token: Token, form: StringForm): StringSegment {
  const isFirst = token.kind === 'StringComplete' || token.kind === 'StringLeftPiece' || token.kind === 'MultilineString';
  const opensHole = token.kind === 'StringLeftPiece' || token.kind === 'StringMiddlePiece';
  return form.multiline
    ? decodeMultilinePiece(source, token, form.dollars, isFirst, opensHole)
    : decodeSingleLinePiece(source, token);
}

function decodeMultilinePiece(source: string, token: Token, dollars: number, isFirst: boolean, opensHole: boolean): StringSegment {
  let end = token.end;
  let start = Math.min(token.start + (isFirst ? dollars + 3 : 1), end);
  if (opensHole) {
    end -= dollars + 1;
  } else if (end - start >= 3 && source.startsWith("'''", end - 3)) {
    end -= 3;
  }
  if (isFirst) {
    // the line break right after the opening quotes is not part of the value
    if (source.charCodeAt(start) === 13 && start < end) start++;
    if (source.charCodeAt(start) === 10 && start < end) start++;
  }
  if (end < start) end = start;
  return { value: source.slice(start, end), start, end };
}

function decodeSingleLinePiece(source: string, token: Token): StringSegment {
  const limit = token.end;
  const start = Math.min(token.start + 1, limit); // a zero-length right piece ends a broken interpolation
  let p = start;
  let parts: string[] | undefined;
  let copied = start;
  while (p < limit) {
    const c = source.charCodeAt(p);
    if (c === QUOTE) break;
    if (c === DOLLAR && source.charCodeAt(p + 1) === OPEN_BRACE) break;
    if (c !== BACKSLASH) {
      p++;
      continue;
    }
    const decoded = decodeEscape(source, p, limit);
    if (decoded === undefined) {
      p++;
      continue;
    }
    (parts ??= []).push(source.slice(copied, p), decoded.value);
    p = copied = decoded.end;
  }
  const end = p;
  const value = parts === undefined ? source.slice(start, end) : parts.join('') + source.slice(copied, end);
  return { value, start, end };
}

/** The escape whose backslash is at `at`, or undefined when it is invalid (then it stays as written). */
function decodeEscape(source: string, at: number, limit: number): { value: string; end: number } | undefined {
  if (at + 1 >= limit) return undefined;
  const e = source[at + 1];
  switch (e) {
    case 'n': return { value: '\n', end: at + 2 };
    case 'r': return { value: '\r', end: at + 2 };
    case 't': return { value: '\t', end: at + 2 };
    case '\\': return { value: '\\', end: at + 2 };
    case "'": return { value: "'", end: at + 2 };
    case '$':
      return source.charCodeAt(at + 2) === OPEN_BRACE && at + 2 < limit
        ? { value: '${', end: at + 3 }
        : { value: '$', end: at + 2 };
    case 'u': {
      if (source.charCodeAt(at + 2) !== OPEN_BRACE) return undefined;
      let p = at + 3;
      while (p < limit && isHexDigit(source.charCodeAt(p))) p++;
      if (p === at + 3 || p >= limit || source[p] !== '}') return undefined;
      const codePoint = parseInt(source.slice(at + 3, p), 16);
      if (!(codePoint <= 0x10ffff)) return undefined;
      return { value: String.fromCodePoint(codePoint), end: p + 1 };
    }
    default:
      return undefined;
  }
}

/** Bicep source text for a string literal with this value (single-line form, escaped). */
export function quoteBicepString(value: string): string {
  let out = "'";
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    switch (c) {
      case '\\': out += '\\\\'; break;
      case "'": out += "\\'"; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      case '$': out += value[i + 1] === '{' ? '\\$' : '$'; break;
      default: out += c;
    }
  }
  return out + "'";
}
