/**
 * Turns a desired tree ("these paths must hold these values") into the smallest text edits on a JSON object:
 * existing members are descended into or replaced, missing ones are inserted at the end of their object in the
 * file's own style, and everything else (key order, comments, line endings) stays as it is.
 */
import type { JsonNode } from '../syntax/json';
import { findProperty } from '../syntax/json';
import type { TextEdit } from '../types';
import { indentationAt, isFirstOnLine, startOfLine } from '../text/lineIndex';
import type { DesiredTree, Scalar } from './desiredTree';
import { renderMember, renderValue, type JsonStyle } from './jsonFormatting';
import { parseExpression } from '../evaluate/expressions/parser';
import type { Expression } from '../evaluate/expressions/ast';

export class JsonObjectEditor {
  readonly edits: TextEdit[] = [];

  constructor(
    private readonly uri: string,
    private readonly text: string,
    private readonly style: JsonStyle,
    /** whether an expression node surely evaluates to an object (then `union` needs no null guard) */
    private readonly yieldsObject: (node: JsonNode) => boolean = () => false,
  ) {}

  /** Applies `tree` under `object`; false when the object is too broken to edit safely. */
  apply(object: JsonNode, tree: DesiredTree): boolean {
    if (!this.isWellFormedObject(object)) return false;
    const missing: [string, Scalar | DesiredTree][] = [];
    for (const [name, wanted] of tree) {
      const property = findProperty(object, name);
      const current = property?.children?.[1];
      if (!property || !current) {
        missing.push([name, wanted]);
      } else if (wanted instanceof Map) {
        if (current.type === 'object') {
          if (!this.apply(current, wanted)) return false;
        } else if (isExpressionString(current, this.text)) {
          this.replace(current, mergeIntoExpression(this.rawOf(current), wanted, this.yieldsObject(current)));
        } else {
          this.replace(current, renderValue(wanted, indentationAt(this.text, current.offset), this.style, !this.style.singleLineFile));
        }
      } else if (!sameScalar(current, wanted)) {
        this.replace(current, renderValue(wanted, '', this.style, false));
      }
    }
    if (missing.length > 0) this.insertMembers(object, missing);
    return true;
  }

  private rawOf(node: JsonNode): string {
    return this.text.slice(node.offset, node.offset + node.length);
  }

  private replace(node: JsonNode, newText: string): void {
    this.edits.push({ uri: this.uri, span: { start: node.offset, end: node.offset + node.length }, newText });
  }

  private insert(offset: number, newText: string): void {
    this.edits.push({ uri: this.uri, span: { start: offset, end: offset }, newText });
  }

  private isWellFormedObject(object: JsonNode): boolean {
    return object.type === 'object' && this.text[object.offset] === '{' && this.text[object.offset + object.length - 1] === '}';
  }

  private insertMembers(object: JsonNode, members: [string, Scalar | DesiredTree][]): void {
    const open = object.offset;
    const close = object.offset + object.length - 1;
    const children = object.children ?? [];
    const last = children[children.length - 1];
    const bodyIsMultiline = /[\r\n]/.test(this.text.slice(open, close));
    const sep = this.style.spaced ? ', ' : ',';

    if (!bodyIsMultiline && (children.length > 0 || this.style.singleLineFile)) {
      // One-line object: `{ "a": 1 }` -> `{ "a": 1, "b": 2 }`, keeping its own spacing.
      const rendered = members.map(([k, v]) => renderMember(k, v, '', this.style, false)).join(sep);
      if (last) {
        this.insert(this.afterTrailingComma(last) ?? last.offset + last.length, (this.hasTrailingComma(last) ? (this.style.spaced ? ' ' : '') : sep) + rendered + (this.hasTrailingComma(last) ? ',' : ''));
      } else {
        const inner = this.text.slice(open + 1, close);
        const padded = inner.length > 0 || this.style.spaced ? ` ${rendered} ` : rendered;
        this.edits.push({ uri: this.uri, span: { start: open + 1, end: close }, newText: this.style.singleLineFile && !this.style.spaced ? rendered : padded });
      }
      return;
    }

    const closingIndent = indentationAt(this.text, close);
    const memberIndent = last && isFirstOnLine(this.text, last.offset)
      ? indentationAt(this.text, last.offset)
      : indentationAt(this.text, open) + this.style.indentUnit;
    const eol = this.style.eol;
    const trailingComma = last ? this.hasTrailingComma(last) : false;
    const lines = members.map(([k, v]) => memberIndent + renderMember(k, v, memberIndent, this.style, true));
    const body = lines.join(',' + eol) + (trailingComma ? ',' : '');

    if (!last) {
      // `{}` or `{\n}`: open the body on its own lines.
      this.edits.push({ uri: this.uri, span: { start: open + 1, end: close }, newText: eol + body + eol + closingIndent });
      return;
    }
    if (!trailingComma) this.insert(last.offset + last.length, ',');
    if (isFirstOnLine(this.text, close)) {
      // Before the closing brace's line, so comments trailing the last member stay on their line.
      this.insert(startOfLine(this.text, close), body + eol);
    } else {
      this.insert(close, eol + body + eol + closingIndent);
    }
  }

  /** Offset right after a comma that follows `node` (comments and whitespace allowed between), if any. */
  private afterTrailingComma(node: JsonNode): number | undefined {
    const end = this.skipTrivia(node.offset + node.length);
    return this.text[end] === ',' ? end + 1 : undefined;
  }

  private hasTrailingComma(node: JsonNode): boolean {
    return this.afterTrailingComma(node) !== undefined;
  }

  private skipTrivia(offset: number): number {
    let i = offset;
    const text = this.text;
    while (i < text.length) {
      const ch = text[i];
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') i++;
      else if (ch === '/' && text[i + 1] === '/') {
        while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      } else if (ch === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? text.length : end + 2;
      } else break;
    }
    return i;
  }
}

/** Strings compare case-insensitively, as the rules do: a passing 'DISABLED' is left alone. */
function sameScalar(node: JsonNode, wanted: Scalar): boolean {
  if (node.type === 'object' || node.type === 'array') return false;
  if (typeof wanted === 'string' && typeof node.value === 'string') return !isExpressionText(node.value) && node.value.toLowerCase() === wanted.toLowerCase();
  return node.value === wanted;
}

function isExpressionText(value: string): boolean {
  return value.startsWith('[') && !value.startsWith('[[') && value.endsWith(']');
}

export function isExpressionString(node: JsonNode, text: string): boolean {
  return node.type === 'string' && text[node.offset + 1] === '[' && text[node.offset + 2] !== '[' && text[node.offset + node.length - 2] === ']';
}

/**
 * `"[expr]"` + tree -> `"[union(expr, createObject(...))]"`: keeps whatever the expression supplies. When the
 * expression may yield null (as `if(..., createObject(...), null())` does), it is guarded with coalesce.
 */
function mergeIntoExpression(raw: string, tree: DesiredTree, yieldsObject: boolean): string {
  const appended = appendedToLastObject(raw, tree);
  if (appended) return appended;
  const inner = raw.slice(2, raw.length - 2);
  const base = yieldsObject ? inner : `coalesce(${inner}, createObject())`;
  return `"[union(${base}, ${renderCreateObject(tree)})]"`;
}

/**
 * `"[union(x, createObject('a', 1))]"`: its last object wins, so new members go into that `createObject` rather than
 * into another union around it. Undefined unless it is that, without escapes, and sets none of the members already.
 */
function appendedToLastObject(raw: string, tree: DesiredTree): string | undefined {
  if (raw.includes('\\')) return undefined;
  const { expression, diagnostics } = parseExpression({ value: raw.slice(1, -1), offsetOf: (index) => index + 1 });
  if (diagnostics.length > 0 || !isCallOf(expression, 'union') || expression.args.length < 2) return undefined;
  const last = expression.args[expression.args.length - 1]!;
  if (!isCallOf(last, 'createobject') || last.args.length % 2 !== 0) return undefined;
  const keys = last.args.filter((_, index) => index % 2 === 0);
  if (!keys.every((key) => key.kind === 'string')) return undefined;
  const taken = new Set(keys.map((key) => (key as { value: string }).value.toLowerCase()));
  if ([...tree.keys()].some((name) => taken.has(name.toLowerCase()))) return undefined;
  const members = renderCreateObject(tree).slice('createObject('.length, -1);
  const close = last.span.end - 1;
  return `${raw.slice(0, close)}${last.args.length > 0 ? ', ' : ''}${members}${raw.slice(close)}`;
}

function isCallOf(expression: Expression, name: string): expression is Extract<Expression, { kind: 'call' }> {
  return expression.kind === 'call' && expression.namespace === undefined && expression.name.toLowerCase() === name;
}

export function renderCreateObject(tree: DesiredTree): string {
  const args: string[] = [];
  for (const [name, value] of tree) {
    args.push(expressionString(name), value instanceof Map ? renderCreateObject(value) : renderExpressionScalar(value));
  }
  return `createObject(${args.join(', ')})`;
}

function renderExpressionScalar(value: Scalar): string {
  if (typeof value === 'string') return expressionString(value);
  if (value === null) return 'null()';
  if (typeof value === 'boolean') return value ? 'true()' : 'false()';
  return String(value);
}

function expressionString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
