/** The formatting conventions a JSON file already uses, so inserted text looks like it was always there. */
import { detectEol } from '../text/lineIndex';
import type { DesiredTree, Scalar } from './desiredTree';

export interface JsonStyle {
  eol: string;
  /** one level of indentation: '\t' or N spaces */
  indentUnit: string;
  /** the whole file is on one line: keep it that way */
  singleLineFile: boolean;
  /** a space after ':' and ',' (false in minified files) */
  spaced: boolean;
}

export function detectJsonStyle(text: string): JsonStyle {
  const singleLineFile = !/[\r\n]/.test(text.trimEnd());
  return { eol: detectEol(text), indentUnit: detectIndentUnit(text), singleLineFile, spaced: !singleLineFile || /:\s/.test(text) };
}

function detectIndentUnit(text: string): string {
  // The smallest indentation of a line that starts a member or an element: a template's first level.
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let smallestSpaces = 0;
  let tabs = 0;
  let spaces = 0;
  const linePattern = /\n([ \t]+)\S/g;
  let match: RegExpExecArray | null;
  while ((match = linePattern.exec(sample)) !== null) {
    const indent = match[1]!;
    if (indent[0] === '\t') {
      tabs++;
    } else {
      spaces++;
      const width = indent.length - indent.trimStart().length;
      if (width > 0 && (smallestSpaces === 0 || width < smallestSpaces)) smallestSpaces = width;
    }
  }
  if (tabs > spaces) return '\t';
  return ' '.repeat(smallestSpaces > 0 ? Math.min(smallestSpaces, 8) : 2);
}

export function renderScalar(value: Scalar): string {
  return JSON.stringify(value);
}

/** A member `"name": value` whose nested objects open at `indent`. */
export function renderMember(name: string, value: Scalar | DesiredTree, indent: string, style: JsonStyle, multiline: boolean): string {
  const colon = style.spaced ? ': ' : ':';
  return `${JSON.stringify(name)}${colon}${renderValue(value, indent, style, multiline)}`;
}

export function renderValue(value: Scalar | DesiredTree, indent: string, style: JsonStyle, multiline: boolean): string {
  if (!(value instanceof Map)) return renderScalar(value);
  const entries = [...value.entries()];
  if (!multiline) {
    const inner = entries.map(([k, v]) => renderMember(k, v, indent, style, false)).join(style.spaced ? ', ' : ',');
    return style.spaced ? `{ ${inner} }` : `{${inner}}`;
  }
  const childIndent = indent + style.indentUnit;
  const lines = entries.map(([k, v]) => childIndent + renderMember(k, v, childIndent, style, true));
  return `{${style.eol}${lines.join(',' + style.eol)}${style.eol}${indent}}`;
}
