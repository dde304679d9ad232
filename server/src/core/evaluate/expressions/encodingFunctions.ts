/**
 * ARM functions that encode and decode text: base64, JSON, URI components and data URIs. Text is UTF-8 throughout,
 * as .NET encodes it for Azure.
 */
import { fromJson, str, unknown, type Value } from '../value';
import { strict, wrongType, type CallContext, type Fn } from './functionKit';
import { nestingDepth } from './jsonString';

/** `fn(s)` of one string argument. */
const onString = (fn: (text: string, context: CallContext) => Value): Fn =>
  strict(([a], context) => (a!.kind === 'string' ? fn(a!.value, context) : wrongType(context, 'a string')), [1, 1]);

export const ENCODING_FUNCTIONS: Record<string, Fn> = {
  base64: onString((text, context) => str(toBase64(text), context.origin)),
  base64tostring: onString((text, context) => {
    const decoded = fromBase64(text);
    return decoded === undefined ? notBase64(context) : str(decoded, context.origin);
  }),
  base64tojson: onString((text, context) => {
    const decoded = fromBase64(text);
    return decoded === undefined ? notBase64(context) : parseJson(decoded, context);
  }),
  json: onString((text, context) => parseJson(text, context)),
  uri: strict(([base, relative], context) => {
    if (base!.kind !== 'string' || relative!.kind !== 'string') return wrongType(context, 'a base URI and a relative URI');
    const combined = combineUri(base!.value, relative!.value);
    return typeof combined === 'string' ? str(combined, context.origin) : unknown(`uri() ${combined.error}`);
  }, [2, 2]),
  uricomponent: onString((text, context) => str(escapeDataString(text), context.origin)),
  uricomponenttostring: onString((text, context) => str(unescapeDataString(text), context.origin)),
  datauri: onString((text, context) => str(`data:text/plain;charset=utf8;base64,${toBase64(text)}`, context.origin)),
  datauritostring: onString((text, context) => {
    const decoded = fromDataUri(text);
    return typeof decoded === 'string' ? str(decoded, context.origin) : unknown(`dataUriToString() ${decoded.error}`);
  }),
};

/**
 * `relative` resolved against the absolute `base` as RFC 3986 section 5 resolves it (what the docs specify: a base
 * that does not end in '/' loses its last segment). Only plain printable ASCII is combined: there .NET's Uri and the
 * URL standard agree; with spaces, backslashes or other characters they escape differently, and the value is unknown.
 */
function combineUri(base: string, relative: string): string | { error: string } {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[\x21-\x7e]*$/i.test(base)) return { error: 'expects an absolute base URI of printable ASCII characters' };
  if (!/^[\x21-\x5b\x5d-\x7e]*$/.test(relative)) return { error: 'is not evaluated for a relative URI with spaces, backslashes or characters beyond ASCII' };
  try {
    return new URL(relative, base).href;
  } catch {
    return { error: `cannot combine '${base}' and '${relative}'` };
  }
}

const notBase64 = (context: CallContext) => unknown(`${context.call.name}() was given text that is not base64`);

function parseJson(text: string, context: CallContext): Value {
  const depth = context.scope.budget.limits.depth;
  if (nestingDepth(text) > depth) return unknown(`evaluation budget exceeded: ${context.call.name}() of a value nested deeper than ${depth}`);
  try {
    return fromJson(JSON.parse(text), context.origin);
  } catch {
    return unknown(`${context.call.name}() was given text that is not JSON`);
  }
}

/** Base64 of the text's UTF-8 bytes, as ARM encodes strings. */
function toBase64(text: string): string {
  return base64OfBytes(new TextEncoder().encode(text));
}

/** Base64 of bytes, as .NET's Convert.ToBase64String writes it (in chunks: a large file as arguments overflows the stack). */
export function base64OfBytes(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 8192) binary += String.fromCharCode(...bytes.subarray(start, start + 8192));
  return btoa(binary);
}

/**
 * The UTF-8 text of base64, read as .NET's Convert.FromBase64String reads it: white space is ignored, the rest must
 * be whole groups of four characters with at most two '=' at the end. Anything else is undefined.
 */
function fromBase64(encoded: string): string | undefined {
  const compact = encoded.replace(/[ \t\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return new TextDecoder().decode(Uint8Array.from(atob(compact), (c) => c.charCodeAt(0)));
}

/**
 * .NET's Uri.EscapeDataString: RFC 3986 unreserved characters stay, every other UTF-8 byte becomes %XX in upper case.
 * (JavaScript's encodeURIComponent keeps !'()*, which .NET escapes.)
 */
function escapeDataString(text: string): string {
  let escaped = '';
  for (const byte of new TextEncoder().encode(text)) {
    const char = String.fromCharCode(byte);
    escaped += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return escaped;
}

/** The byte a well-formed %XX at `index` stands for. */
function escapedByte(text: string, index: number): number | undefined {
  const hex = text.slice(index + 1, index + 3);
  return text[index] === '%' && /^[0-9A-Fa-f]{2}$/.test(hex) ? parseInt(hex, 16) : undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * .NET's Uri.UnescapeDataString, which never fails: %XX of an ASCII byte is that character; escaped bytes that form a
 * valid UTF-8 sequence are that character; anything else (a '%' without two hex digits, a byte that starts no valid
 * sequence) stays as it was written. '+' stays '+'.
 */
function unescapeDataString(text: string): string {
  let result = '';
  let i = 0;
  while (i < text.length) {
    const lead = escapedByte(text, i);
    if (lead === undefined || lead < 0x80) {
      result += lead === undefined ? text[i] : String.fromCharCode(lead);
      i += lead === undefined ? 1 : 3;
      continue;
    }
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    const bytes = Array.from({ length }, (_, k) => escapedByte(text, i + 3 * k));
    const decoded = length > 1 && !bytes.includes(undefined) ? decodeUtf8(bytes as number[]) : undefined;
    result += decoded ?? text.slice(i, i + 3);
    i += decoded === undefined ? 3 : 3 * length;
  }
  return result;
}

/** One character of valid UTF-8 (no overlong forms, surrogates or values past U+10FFFF), else undefined. */
function decodeUtf8(bytes: number[]): string | undefined {
  try {
    return strictUtf8.decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}

/**
 * The text of a base64 data URI ('data:[<media type>][;charset=utf8];base64,<data>', as dataUri() writes it and the
 * docs' 'data:;base64,SGVsbG8sIFdvcmxkIQ==' reads). The docs show no other kind, so other data URIs and charsets
 * are not evaluated.
 */
function fromDataUri(uri: string): string | { error: string } {
  const match = /^data:([^,]*),(.*)$/s.exec(uri);
  if (!match) return { error: "expects a data URI, such as 'data:;base64,SGVsbG8='" };
  const parameters = match[1]!.split(';');
  if (parameters[parameters.length - 1] !== 'base64') return { error: 'evaluates only base64 data URIs' };
  const charset = parameters.find((p) => p.toLowerCase().startsWith('charset='))?.slice('charset='.length);
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) return { error: `evaluates only UTF-8 data URIs, not charset '${charset}'` };
  return fromBase64(match[2]!) ?? { error: 'was given a data URI whose data is not base64' };
}
