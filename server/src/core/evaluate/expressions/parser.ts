/**
 * Parser for ARM template expressions (the text inside `"[...]"`). Never throws: malformed input yields an error
 * node and a diagnostic. Nesting deeper than MAX_DEPTH becomes an error node instead of a stack overflow.
 */
import type { Span } from '../../types';
import type { Call, Expression, ExpressionDiagnostic } from './ast';
import type { DecodedString } from './jsonString';

const MAX_DEPTH = 200;

type TokenKind = 'string' | 'number' | 'identifier' | '(' | ')' | ',' | '.' | '[' | ']' | 'invalid' | 'end';

interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  value?: string | number;
}

const isIdentifierStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isIdentifierPart = (c: number) => isIdentifierStart(c) || (c >= 48 && c <= 57) || c === 45;
const isDigit = (c: number) => c >= 48 && c <= 57;

function tokenize(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
    } else if (c === 39 /* ' */) {
      let value = '';
      let j = i + 1;
      let closed = false;
      while (j < to) {
        const quote = text.indexOf("'", j);
        if (quote < 0 || quote >= to) {
          value += text.slice(j, to);
          j = to;
          break;
        }
        value += text.slice(j, quote);
        if (text.charCodeAt(quote + 1) === 39 && quote + 1 < to) {
          value += "'";
          j = quote + 2;
        } else {
          j = quote + 1;
          closed = true;
          break;
        }
      }
      tokens.push({ kind: closed ? 'string' : 'invalid', start: i, end: j, value: closed ? value : 'unterminated string' });
      i = j;
    } else if (isDigit(c) || (c === 45 /* - */ && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < to && (isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      tokens.push({ kind: 'number', start: i, end: j, value: Number(text.slice(i, j)) });
      i = j;
    } else if (isIdentifierStart(c)) {
      let j = i + 1;
      while (j < to && isIdentifierPart(text.charCodeAt(j))) j++;
      tokens.push({ kind: 'identifier', start: i, end: j, value: text.slice(i, j) });
      i = j;
    } else {
      const ch = text[i]!;
      const kind: TokenKind = '(),.[]'.includes(ch) ? (ch as TokenKind) : 'invalid';
      tokens.push({ kind, start: i, end: i + 1, value: kind === 'invalid' ? `unexpected character '${ch}'` : undefined });
      i++;
    }
  }
  tokens.push({ kind: 'end', start: to, end: to });
  return tokens;
}

export interface ParsedExpression {
  expression: Expression;
  diagnostics: ExpressionDiagnostic[];
}

/** Parses the decoded value of an expression string (`[...]`, brackets included). */
export function parseExpression(decoded: DecodedString): ParsedExpression {
  const text = decoded.value;
  const tokens = tokenize(text, 1, text.length - 1);
  const diagnostics: ExpressionDiagnostic[] = [];
  let position = 0;
  // After nesting too deep the rest is skipped: one diagnostic says so, not one per unclosed call.
  let abandoned = false;
  const span = (start: number, end: number): Span => ({ start: decoded.offsetOf(start), end: decoded.offsetOf(end) });
  const peek = () => tokens[position]!;
  const next = () => {
    const token = tokens[position]!;
    if (position < tokens.length - 1) position++;
    return token;
  };
  const fail = (token: Token, message: string): Expression => {
    const s = span(token.start, token.end);
    if (!abandoned) diagnostics.push({ span: s, message });
    return { kind: 'error', message, span: s };
  };
  const expect = (kind: TokenKind, what: string): boolean => {
    if (peek().kind === kind) {
      next();
      return true;
    }
    fail(peek(), `Expected ${what}`);
    return false;
  };

  function parseExpr(depth: number): Expression {
    if (depth > MAX_DEPTH) {
      const start = peek();
      position = tokens.length - 1;
      const error = fail({ ...start, end: text.length - 1 }, `Expression nested more than ${MAX_DEPTH} levels deep`);
      abandoned = true;
      return error;
    }
    let expression = parsePrimary(depth);
    for (;;) {
      const token = peek();
      if (token.kind === '.') {
        next();
        const name = peek();
        if (name.kind !== 'identifier') return fail(name, 'Expected a property name after "."');
        next();
        expression = { kind: 'property', target: expression, name: String(name.value), span: { start: expression.span.start, end: decoded.offsetOf(name.end) } };
      } else if (token.kind === '[') {
        next();
        const index = parseExpr(depth + 1);
        const close = peek();
        if (!expect(']', '"]"')) return { kind: 'index', target: expression, index, span: { start: expression.span.start, end: decoded.offsetOf(close.end) } };
        expression = { kind: 'index', target: expression, index, span: { start: expression.span.start, end: decoded.offsetOf(close.end) } };
      } else {
        return expression;
      }
    }
  }

  function parsePrimary(depth: number): Expression {
    const token = next();
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: String(token.value), span: span(token.start, token.end) };
      case 'number':
        return { kind: 'number', value: Number(token.value), span: span(token.start, token.end) };
      case 'identifier':
        return parseCall(token, depth);
      case 'invalid':
        return fail(token, String(token.value));
      case 'end':
        return fail(token, 'Expected an expression');
      default:
        return fail(token, `Unexpected '${token.kind}'`);
    }
  }

  function parseCall(first: Token, depth: number): Expression {
    let namespace: string | undefined;
    let nameToken = first;
    if (peek().kind === '.' && tokens[position + 1]?.kind === 'identifier' && tokens[position + 2]?.kind === '(') {
      next();
      namespace = String(first.value);
      nameToken = next();
    }
    const call: Call = { kind: 'call', namespace, name: String(nameToken.value), nameSpan: span(nameToken.start, nameToken.end), args: [], span: span(first.start, nameToken.end) };
    if (!expect('(', `"(" after function name '${call.name}'`)) return call;
    if (peek().kind !== ')') {
      for (;;) {
        call.args.push(parseExpr(depth + 1));
        if (peek().kind === ',') {
          next();
          continue;
        }
        break;
      }
    }
    const close = peek();
    expect(')', '")"');
    call.span = { start: call.span.start, end: decoded.offsetOf(close.end) };
    return call;
  }

  const expression = parseExpr(0);
  if (peek().kind !== 'end') fail(peek(), `Unexpected '${text.slice(peek().start, peek().end)}' after the expression`);
  return { expression, diagnostics };
}
