/**
 * .NET text semantics that PSRule's expressions rely on: ordinal comparisons (case-sensitive or OrdinalIgnoreCase),
 * `bool.TryParse`, integer `TryParse` (NumberStyles.Integer), `char.IsLower`/`IsUpper`, and PowerShell wildcards
 * (`like`). Where .NET's answer depends on the runtime version or the culture, the helpers throw Undecidable rather
 * than guess.
 */

/** acr-guard cannot tell what PSRule answers here; a condition that meets this never suppresses. */
export class Undecidable extends Error {}

/** PSRule itself throws here (an invalid pattern, a null reference), so the suppression group does not apply. */
export class PsRuleThrows extends Error {}

export const INT32 = { min: -(2n ** 31n), max: 2n ** 31n - 1n };
export const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

const SEPARATOR = /^\p{Z}$/u;

/** char.IsWhiteSpace */
export function isDotnetWhiteSpace(code: number): boolean {
  return (code >= 9 && code <= 13) || code === 0x85 || SEPARATOR.test(String.fromCharCode(code));
}

/** bool.TryParse: "true"/"false" in any case, after trimming white space and NUL characters. */
export function parseDotnetBool(text: string): boolean | undefined {
  let start = 0;
  let end = text.length;
  const trimmable = (code: number) => code === 0 || isDotnetWhiteSpace(code);
  while (start < end && trimmable(text.charCodeAt(start))) start++;
  while (end > start && trimmable(text.charCodeAt(end - 1))) end--;
  const word = text.slice(start, end).toLowerCase();
  return word === 'true' ? true : word === 'false' ? false : undefined;
}

/** int/long.TryParse with NumberStyles.Integer: white space around, an optional sign, ASCII digits, trailing NULs. */
export function parseDotnetInteger(text: string, range: { min: bigint; max: bigint }): bigint | undefined {
  const match = /^[\t-\r ]*([+-]?)([0-9]+)[\t-\r ]*\0*$/.exec(text);
  if (!match) return undefined;
  const value = BigInt(match[2]!) * (match[1] === '-' ? -1n : 1n);
  return value >= range.min && value <= range.max ? value : undefined;
}

function isCased(text: string): boolean {
  return text.toUpperCase() !== text.toLowerCase();
}

/**
 * One string folded as OrdinalIgnoreCase compares it: each UTF-16 unit by its simple upper-case mapping. Characters
 * whose mapping differs between .NET versions (ı, ſ, µ, ς, title-case letters, cased letters outside the BMP) are
 * undecidable.
 */
export function foldOrdinal(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      out += code >= 0x61 && code <= 0x7a ? String.fromCharCode(code - 32) : text[i];
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const point = String.fromCodePoint(text.codePointAt(i)!);
      if (isCased(point)) throw new Undecidable('a cased letter outside the BMP');
      out += text[i];
      continue;
    }
    const char = text[i]!;
    const upper = char.toUpperCase();
    if (upper.length !== 1 || upper === char) {
      out += char;
    } else if (upper.toLowerCase() !== char) {
      throw new Undecidable(`the case of '${char}'`);
    } else {
      out += upper;
    }
  }
  return out;
}

export function ordinalEquals(a: string, b: string, caseSensitive: boolean): boolean {
  return caseSensitive ? a === b : a.length === b.length && foldOrdinal(a) === foldOrdinal(b);
}

export function ordinalStartsWith(value: string, prefix: string, caseSensitive: boolean): boolean {
  return caseSensitive ? value.startsWith(prefix) : prefix.length <= value.length && foldOrdinal(value.slice(0, prefix.length)) === foldOrdinal(prefix);
}

export function ordinalEndsWith(value: string, suffix: string, caseSensitive: boolean): boolean {
  return caseSensitive ? value.endsWith(suffix) : suffix.length <= value.length && foldOrdinal(value.slice(value.length - suffix.length)) === foldOrdinal(suffix);
}

export function ordinalContains(value: string, part: string, caseSensitive: boolean): boolean {
  return caseSensitive ? value.includes(part) : foldOrdinal(value).includes(foldOrdinal(part));
}

const LETTER = /^\p{L}$/u;
const LOWER = /^\p{Ll}$/u;
const UPPER = /^\p{Lu}$/u;

/** ExpressionHelpers.IsLower/IsUpper: every letter (by code point) is lower (upper) case; other characters pass. */
export function lettersAllInCase(text: string, upper: boolean): boolean {
  for (const point of text) {
    // ª and º changed category between Unicode versions (.NET Framework and .NET disagree).
    if (point === '\u00aa' || point === '\u00ba') throw new Undecidable(`the case of '${point}'`);
    if (LETTER.test(point) && !(upper ? UPPER : LOWER).test(point)) return false;
  }
  return true;
}

type WildcardElement = { star: true } | { star: false; test: (code: number) => boolean };

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function swapAsciiCase(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code + 32;
  if (code >= 0x61 && code <= 0x7a) return code - 32;
  return code;
}

function parseWildcard(pattern: string, caseSensitive: boolean): WildcardElement[] {
  const fold = (test: (code: number) => boolean) => (caseSensitive ? test : (code: number) => test(code) || test(swapAsciiCase(code)));
  const elements: WildcardElement[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*') {
      elements.push({ star: true });
    } else if (char === '?') {
      elements.push({ star: false, test: () => true });
    } else if (char === '`') {
      if (i + 1 >= pattern.length) throw new Undecidable('a wildcard pattern ending in a backtick');
      const literal = pattern.charCodeAt(++i);
      elements.push({ star: false, test: fold((code) => code === literal) });
    } else if (char === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) throw new PsRuleThrows(`the wildcard pattern '${pattern}' has an unclosed '['`);
      const body = pattern.slice(i + 1, close);
      // Literal characters and ranges only ('!' and '^' do not negate); escapes and edge dashes are not modelled.
      if (!/^(?:[^-\\[\]`](?:-[^-\\[\]`])?)+$/.test(body)) throw new Undecidable(`the wildcard set '[${body}]'`);
      const ranges: [number, number][] = [];
      for (let j = 0; j < body.length; j += body[j + 1] === '-' ? 3 : 1) {
        const low = body.charCodeAt(j);
        const high = body[j + 1] === '-' ? body.charCodeAt(j + 2) : low;
        if (low > high) throw new PsRuleThrows(`the wildcard range '${body.slice(j, j + 3)}' is reversed`);
        ranges.push([low, high]);
      }
      elements.push({ star: false, test: fold((code) => ranges.some(([low, high]) => code >= low && code <= high)) });
      i = close;
    } else {
      const literal = pattern.charCodeAt(i);
      elements.push({ star: false, test: fold((code) => code === literal) });
    }
  }
  return elements;
}

/**
 * PowerShell's WildcardPattern (CultureInvariant, IgnoreCase unless caseSensitive), matching the whole value:
 * `*`, `?`, `[abc]`, `[a-z]` and backtick escapes. Text outside printable ASCII is undecidable, since PowerShell may
 * compare it linguistically.
 */
export function wildcardMatch(value: string, pattern: string, caseSensitive: boolean): boolean {
  if (!PRINTABLE_ASCII.test(value) || !PRINTABLE_ASCII.test(pattern)) throw new Undecidable('a wildcard match outside printable ASCII');
  const elements = parseWildcard(pattern, caseSensitive);
  let v = 0;
  let e = 0;
  let starElement = -1;
  let starValue = 0;
  while (v < value.length) {
    const element = elements[e];
    if (element && !element.star && element.test(value.charCodeAt(v))) {
      v++;
      e++;
    } else if (element?.star) {
      starElement = e++;
      starValue = v;
    } else if (starElement >= 0) {
      e = starElement + 1;
      v = ++starValue;
    } else {
      return false;
    }
  }
  while (elements[e]?.star) e++;
  return e === elements.length;
}
