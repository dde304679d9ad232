/**
 * Decodes a JSON string token as written in the document, keeping a map from each decoded character back to its
 * document offset, so spans inside an expression point at the right place even through `\"` or `\u0041`.
 */

export interface DecodedString {
  value: string;
  /** document offset of decoded index i (length value.length + 1, the last entry is the closing quote) */
  offsetOf(index: number): number;
}

/** `start` and `end` delimit the token including its quotes. */
export function decodeJsonString(text: string, start: number, end: number): DecodedString {
  const contentStart = start + 1;
  const contentEnd = text[end - 1] === '"' && end - 1 > start ? end - 1 : end;
  const raw = text.slice(contentStart, contentEnd);
  if (!raw.includes('\\')) {
    return { value: raw, offsetOf: (index) => contentStart + Math.min(index, raw.length) };
  }
  let value = '';
  const offsets: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    offsets.push(contentStart + i);
    if (ch !== '\\' || i + 1 >= raw.length) {
      value += ch;
      continue;
    }
    const next = raw[++i]!;
    switch (next) {
      case 'n': value += '\n'; break;
      case 'r': value += '\r'; break;
      case 't': value += '\t'; break;
      case 'b': value += '\b'; break;
      case 'f': value += '\f'; break;
      case 'u': {
        const hex = raw.slice(i + 1, i + 5);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          value += String.fromCharCode(parseInt(hex, 16));
          i += 4;
        } else {
          value += 'u';
        }
        break;
      }
      default: value += next; // \" \\ \/ and anything else taken literally
    }
  }
  offsets.push(contentStart + raw.length);
  return { value, offsetOf: (index) => offsets[Math.max(0, Math.min(index, offsets.length - 1))]! };
}

/** True for ARM's expression strings: `[...]`, but not the `[[` escape. */
export function isExpression(value: string): boolean {
  return value.length >= 2 && value.charCodeAt(0) === 91 && value.charCodeAt(1) !== 91 && value.charCodeAt(value.length - 1) === 93;
}

/** Deepest nesting of `[` and `{` in JSON text, outside strings (one pass, so json() can refuse hostile depth). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 || c === 123) {
      deepest = Math.max(deepest, ++depth);
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return deepest;
}
