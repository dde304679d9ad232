/**
 * Bicep-syntax edits that make an object hold the desired values: existing members are descended into or replaced,
 * missing ones inserted at the end of their object with the indentation the object already uses (default two
 * spaces); one-line objects stay one line (`{ a: 1, b: 2 }`); line endings are kept.
 */
import type { TextEdit } from '../types';
import { sameKeyIgnoringCase } from '../text/keys';
import { detectEol, indentationAt, isFirstOnLine, startOfLine } from '../text/lineIndex';
import type { DesiredTree, Scalar } from '../fixes/desiredTree';
import { spanOf, type Expression, type FunctionCall, type ObjectExpression, type ObjectProperty, type SpreadElement } from './syntax';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function bicepKey(name: string): string {
  return IDENTIFIER.test(name) ? name : bicepString(name);
}

export function bicepString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${')}'`;
}

export function renderBicepScalar(value: Scalar): string {
  return typeof value === 'string' ? bicepString(value) : String(value);
}

export class BicepObjectEditor {
  readonly edits: TextEdit[] = [];
  private readonly eol: string;
  private readonly unit: string;

  constructor(
    private readonly uri: string,
    private readonly text: string,
    /** whether an expression surely evaluates to an object (then `union` needs no `?? {}` guard) */
    private readonly yieldsObject: (expression: Expression) => boolean = () => false,
    /** whether a spread (`...shared`) may supply member `name` of its object */
    private readonly spreadMayDefine: (spread: SpreadElement, name: string) => boolean = () => true,
  ) {
    this.eol = detectEol(text);
    const match = /\n( +|\t)\S/.exec(text);
    this.unit = match ? (match[1]![0] === '\t' ? '\t' : ' '.repeat(Math.min(match[1]!.length, 8))) : '  ';
  }

  apply(object: ObjectExpression, tree: DesiredTree): boolean {
    if (object.close === undefined) return false;
    const missing: [string, Scalar | DesiredTree][] = [];
    for (const [name, wanted] of tree) {
      const property = findProperty(object, name);
      if (this.spreadDecides(object, property, name)) {
        // A property after the spread sets a value; a property before it cannot (a second one is an error), and an
        // object the spread supplies cannot be replaced without dropping its other members.
        if (property || wanted instanceof Map) return false;
        missing.push([name, wanted]);
      } else if (!property) {
        missing.push([name, wanted]);
      } else if (wanted instanceof Map) {
        const value = property.value;
        if (value.kind === 'object') {
          if (!this.apply(value, wanted)) return false;
        } else if (value.kind === 'null' || value.kind === 'string' || value.kind === 'integer' || value.kind === 'boolean') {
          this.replace(spanOf(value), this.render(wanted, indentationAt(this.text, property.start), true));
        } else if (isUnionEndingInObject(value)) {
          // `union(props, { ... })`: its last object wins, so what is needed goes there (not into another union).
          if (!this.apply(value.args[value.args.length - 1] as ObjectExpression, wanted)) return false;
        } else {
          // An expression supplies the object: keep what it gives and add what is needed.
          const base = this.text.slice(value.start, value.end);
          const guarded = this.yieldsObject(value) ? base : `${needsParentheses(value) ? `(${base})` : base} ?? {}`;
          this.replace(spanOf(value), `union(${guarded}, ${this.render(wanted, '', false)})`);
        }
      } else if (!sameScalar(property.value, wanted)) {
        this.replace(spanOf(property.value), renderBicepScalar(wanted));
      }
    }
    if (missing.length > 0) this.insert(object, missing);
    return true;
  }

  /** Whether a spread after the member's last property (or anywhere, without one) may supply the member. */
  private spreadDecides(object: ObjectExpression, property: ObjectProperty | undefined, name: string): boolean {
    const after = property ? object.members.indexOf(property) + 1 : 0;
    return object.members.slice(after).some((member) => member.kind === 'spread' && this.spreadMayDefine(member, name));
  }

  private replace(span: { start: number; end: number }, newText: string): void {
    this.edits.push({ uri: this.uri, span, newText });
  }

  private render(value: Scalar | DesiredTree, indent: string, multiline: boolean): string {
    if (!(value instanceof Map)) return renderBicepScalar(value);
    const entries = [...value.entries()];
    if (!multiline) return `{ ${entries.map(([k, v]) => `${bicepKey(k)}: ${this.render(v, indent, false)}`).join(', ')} }`;
    const inner = indent + this.unit;
    return `{${this.eol}${entries.map(([k, v]) => `${inner}${bicepKey(k)}: ${this.render(v, inner, true)}`).join(this.eol)}${this.eol}${indent}}`;
  }

  private insert(object: ObjectExpression, members: [string, Scalar | DesiredTree][]): void {
    const close = object.close!;
    const multiline = /[\r\n]/.test(this.text.slice(object.open, close));
    const properties = object.members;
    const last = properties[properties.length - 1];
    if (!multiline && last) {
      // `{ a: 1 }` -> `{ a: 1, b: 2 }`
      const rendered = members.map(([k, v]) => `${bicepKey(k)}: ${this.render(v, '', false)}`).join(', ');
      this.edits.push({ uri: this.uri, span: { start: last.end, end: last.end }, newText: `, ${rendered}` });
      return;
    }
    const closingIndent = indentationAt(this.text, close);
    const memberIndent = last && isFirstOnLine(this.text, last.start) ? indentationAt(this.text, last.start) : indentationAt(this.text, object.open) + this.unit;
    const lines = members.map(([k, v]) => `${memberIndent}${bicepKey(k)}: ${this.render(v, memberIndent, true)}`).join(this.eol);
    if (!last) {
      this.edits.push({ uri: this.uri, span: { start: object.open + 1, end: close }, newText: `${this.eol}${lines}${this.eol}${closingIndent}` });
    } else if (isFirstOnLine(this.text, close)) {
      const at = startOfLine(this.text, close);
      this.edits.push({ uri: this.uri, span: { start: at, end: at }, newText: `${lines}${this.eol}` });
    } else {
      this.edits.push({ uri: this.uri, span: { start: close, end: close }, newText: `${this.eol}${lines}${this.eol}${closingIndent}` });
    }
  }
}

export function findProperty(object: ObjectExpression, name: string): ObjectProperty | undefined {
  const wanted = name.toLowerCase();
  let found: ObjectProperty | undefined;
  for (const member of object.members) if (member.kind === 'property' && member.key !== undefined && sameKeyIgnoringCase(member.key, name, wanted)) found = member;
  return found;
}

function sameScalar(expression: Expression, wanted: Scalar): boolean {
  if (expression.kind === 'string' && typeof wanted === 'string') return expression.expressions.length === 0 && expression.pieces[0]!.toLowerCase() === wanted.toLowerCase();
  if (expression.kind === 'integer' || expression.kind === 'boolean') return expression.value === wanted;
  if (expression.kind === 'null') return wanted === null;
  return false;
}

/** A call of Bicep's `union` whose last argument is an object literal without spreads (which could not be edited). */
function isUnionEndingInObject(expression: Expression): expression is FunctionCall {
  if (expression.kind !== 'call' || expression.name !== 'union' || expression.args.length < 2) return false;
  if (expression.base && !(expression.base.kind === 'identifier' && expression.base.name === 'sys')) return false;
  const last = expression.args[expression.args.length - 1]!;
  return last.kind === 'object' && last.close !== undefined && last.members.every((member) => member.kind === 'property');
}

function needsParentheses(expression: Expression): boolean {
  return expression.kind === 'ternary' || expression.kind === 'binary';
}
