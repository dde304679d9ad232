/**
 * ARM's format(): .NET composite formatting with {index[,alignment][:format]} items and {{ }} escapes, in the
 * invariant culture. Numbers take the standard formats G, N, D, F and X; other values ignore the format, as .NET does
 * for types that are not formattable.
 */
import type { Value } from '../value';
import { stringify } from './valueOps';

export type FormatResult = string | { error: string };

const ITEM = /^(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::(.*))?$/s;

/** `values` must be fully known; `maxLength` bounds the result (and any alignment) in characters. */
export function formatString(pattern: string, values: readonly Value[], maxLength: number): FormatResult {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const open = pattern.indexOf('{', i);
    const close = pattern.indexOf('}', i);
    // Copy the run of plain text up to the next brace in one step.
    const next = open < 0 ? close : close < 0 ? open : Math.min(open, close);
    if (next < 0) {
      out += pattern.slice(i);
      break;
    }
    out += pattern.slice(i, next);
    i = next;
    if (pattern[i] === '}') {
      if (pattern[i + 1] !== '}') return { error: `has an unmatched '}' at position ${i}` };
      out += '}';
      i += 2;
      continue;
    }
    if (pattern[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    const end = pattern.indexOf('}', i);
    if (end < 0) return { error: `has an unclosed '{' at position ${i}` };
    const item = ITEM.exec(pattern.slice(i + 1, end));
    if (!item) return { error: `has a malformed format item '${pattern.slice(i, end + 1)}'` };
    const value = values[Number(item[1])];
    if (value === undefined) return { error: `refers to argument ${item[1]}, but has only ${values.length}` };
    const text = formatValue(value, item[3] ?? '');
    if (typeof text !== 'string') return text;
    const width = item[2] ? Number(item[2]) : 0;
    if (Math.abs(width) > maxLength) return { error: `has an alignment of ${width} characters` };
    out += width >= 0 ? text.padStart(width) : text.padEnd(-width);
    if (out.length > maxLength) return { error: `builds a string longer than ${maxLength} characters` };
    i = end + 1;
  }
  return out;
}

function formatValue(value: Value, spec: string): FormatResult {
  if (value.kind !== 'number') return stringify(value) ?? { error: 'has an argument that is not known' };
  if (spec === '') return String(value.value);
  const standard = /^([a-zA-Z])(\d{0,2})$/.exec(spec);
  if (!standard) return { error: `uses the custom number format '${spec}', which is not supported` };
  const letter = standard[1]!;
  const precision = standard[2] === '' ? undefined : Number(standard[2]);
  const n = value.value;
  switch (letter.toUpperCase()) {
    case 'G':
      return String(n);
    case 'N':
      return groupThousands(n.toFixed(precision ?? 2));
    case 'F':
      return n.toFixed(precision ?? 2);
    case 'D':
      if (!Number.isInteger(n)) return { error: `cannot format ${n} with 'D', which takes integers` };
      return (n < 0 ? '-' : '') + String(Math.abs(n)).padStart(precision ?? 0, '0');
    case 'X': {
      if (!Number.isInteger(n)) return { error: `cannot format ${n} with 'X', which takes integers` };
      // .NET prints a negative 64-bit integer as its two's complement.
      const hex = BigInt.asUintN(64, BigInt(n)).toString(16).padStart(precision ?? 0, '0');
      return letter === 'X' ? hex.toUpperCase() : hex;
    }
    default:
      return { error: `uses the number format '${spec}', which is not supported` };
  }
}

/** '1234567.50' -> '1,234,567.50' (the invariant culture's group separator). */
function groupThousands(fixed: string): string {
  const sign = fixed.startsWith('-') ? '-' : '';
  const unsigned = sign ? fixed.slice(1) : fixed;
  const dot = unsigned.indexOf('.');
  const whole = dot < 0 ? unsigned : unsigned.slice(0, dot);
  const fraction = dot < 0 ? '' : unsigned.slice(dot);
  let grouped = '';
  for (let end = whole.length; end > 0; end -= 3) grouped = whole.slice(Math.max(0, end - 3), end) + (grouped ? `,${grouped}` : '');
  return sign + grouped + fraction;
}
