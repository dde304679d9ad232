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
  // The smallest indentation of a line that starts a member or an element: a template's first level. The first
  // 16 KB hold hundreds of lines, enough to decide, and keep this cheap for every file a scan reports on.
  const sampleEnd = Math.min(text.length, 16384);
  let smallestSpaces = 0;
  let tabs = 0;
  let spaces = 0;
  for (let lineStart = text.indexOf('\n') + 1; lineStart > 0 && lineStart < sampleEnd; lineStart = text.indexOf('\n', lineStart) + 1) {
    let end = lineStart;
    while (text.charCodeAt(end) === SPACE || text.charCodeAt(end) === TAB) end++;
    const next = text.charCodeAt(end);
    if (end === lineStart || Number.isNaN(next) || isWhitespace(next)) continue;
    if (text.charCodeAt(lineStart) === TAB) {
      tabs++;
    } else {
      spaces++;
      const width = end - lineStart;
      if (smallestSpaces === 0 || width < smallestSpaces) smallestSpaces = width;
    }
  }
  if (tabs > spaces) return '\t';
  return ' '.repeat(smallestSpaces > 0 ? Math.min(smallestSpaces, 8) : 2);
}

const SPACE = 32;
const TAB = 9;
/** What `\S` does not match in the ASCII range (a line of only indentation does not count). */
const isWhitespace = (code: number) => code === SPACE || code === TAB || code === 10 || code === 13 || code === 11 || code === 12;

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
