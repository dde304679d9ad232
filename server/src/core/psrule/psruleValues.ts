/**
 * The values PSRule's conditions compare, as PSRule for Azure hands a resource to PSRule: JSON read by Newtonsoft into
 * strings, longs, doubles, booleans, object[] arrays and PSObjects. The helpers follow TypeConverter and
 * ExpressionHelpers (TryString, TryBool, TryLong, Equal, AnyValue, CompareNumeric, TryStringOrArray) and throw
 * Undecidable where the .NET type or culture decides and acr-guard cannot know it.
 */
import { INT32, INT64, Undecidable, ordinalEquals, parseDotnetBool, parseDotnetInteger } from './dotnetText';

export interface ResourceFields {
  name: string;
  type: string;
  tags?: Record<string, unknown>;
  /** the template gives a name acr-guard cannot evaluate: `name` is a placeholder */
  nameUnknown?: boolean;
  /** the template sets tags acr-guard cannot evaluate (then `tags` is undefined) */
  tagsUnknown?: boolean;
}

/** A JSON object as PSRule for Azure hands it over: a PSObject with case-insensitive property names. */
export class PsObject {
  constructor(readonly properties: ReadonlyMap<string, unknown>) {}
}

/** A value whose .NET type acr-guard cannot know: an ISO date text Newtonsoft reads as a DateTime, a huge integer. */
class Uncertain {}

/** Text Newtonsoft's reader turns into a DateTime when it reads the template (ISO 8601 or Microsoft's /Date()/). */
const looksLikeDate = (text: string) => (text.length >= 19 && text.length <= 40 && /^\d.{9}T/.test(text)) || (text.startsWith('/Date(') && text.endsWith(')/'));

/** JSON as .NET values: integers are longs (bigint), other numbers doubles. */
function dotnetValue(json: unknown): unknown {
  if (typeof json === 'string') return looksLikeDate(json) ? new Uncertain() : json;
  if (typeof json === 'number') return Number.isInteger(json) ? (Number.isSafeInteger(json) ? BigInt(json) : new Uncertain()) : json;
  if (Array.isArray(json)) return json.map(dotnetValue);
  if (json && typeof json === 'object') {
    const properties = new Map<string, unknown>();
    for (const [key, value] of Object.entries(json)) if (!properties.has(key.toLowerCase())) properties.set(key.toLowerCase(), dotnetValue(value));
    return new PsObject(properties);
  }
  return json ?? null;
}

export function checked(value: unknown): unknown {
  if (value instanceof Uncertain) throw new Undecidable('a value whose .NET type is not known (a date or a very large number)');
  return value;
}

/** A field path PSRule resolves the same way: dotted member names, optionally quoted, from the object's root. */
function fieldSegments(path: string): string[] {
  const segments: string[] = [];
  const body = path.replace(/^[$@]?\./, '');
  const member = /^(?:([\p{L}\p{Nd}_](?:[\p{L}\p{Nd}_-]*[\p{L}\p{Nd}_])?)|'([^']+)'|"([^"]+)")(?:\.|$)/u;
  for (let rest = body; rest.length > 0; ) {
    const match = member.exec(rest);
    // PSRule's path tokenizer drops a one-character unquoted name at the very end; other syntax is not modelled.
    if (!match || /[\ud800-\udfff]/.test(match[0]) || (match[1]?.length === 1 && match[0].length === rest.length)) throw new Undecidable(`the field path '${path}'`);
    segments.push(match[1] ?? match[2] ?? match[3]!);
    rest = rest.slice(match[0].length);
    if (rest.length === 0 && match[0].endsWith('.')) throw new Undecidable(`the field path '${path}'`);
  }
  if (segments.length === 0) throw new Undecidable(`the field path '${path}'`);
  return segments;
}

export function lookupField(target: ResourceFields, path: string): { found: boolean; value?: unknown } {
  const [head, ...rest] = fieldSegments(path);
  const root = head!.toLowerCase();
  // PSRule sees the whole resource; acr-guard knows its name, type and tags only.
  if (root !== 'name' && root !== 'type' && root !== 'tags') throw new Undecidable(`fields under '${head}' (it knows name, type and tags)`);
  if ((root === 'name' && target.nameUnknown) || (root === 'tags' && target.tagsUnknown)) throw new Undecidable(`the resource's ${root}, which acr-guard cannot evaluate`);
  if (root === 'tags' && target.tags === undefined) return { found: false };
  let value = dotnetValue(root === 'name' ? target.name : root === 'type' ? target.type : target.tags);
  for (const step of rest) {
    if (Array.isArray(value) || value instanceof Uncertain) throw new Undecidable(`the field path '${path}'`);
    if (!(value instanceof PsObject) || !value.properties.has(step.toLowerCase())) return { found: false };
    value = value.properties.get(step.toLowerCase());
  }
  return { found: true, value };
}

export function tryString(value: unknown, convert = false): string | undefined {
  value = checked(value);
  if (typeof value === 'string') return value;
  if (!convert) return undefined;
  // long.ToString(CurrentCulture): the minus sign is culture-specific.
  if (typeof value === 'bigint') return value < 0n ? undecidable('a negative number converted to text') : value.toString();
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return undefined;
}

export function tryBool(value: unknown, convert: boolean): boolean | undefined {
  value = checked(value);
  if (typeof value === 'boolean') return value;
  if (convert && typeof value === 'string') return parseDotnetBool(value);
  if (convert && typeof value === 'bigint') return value > 0n;
  return undefined;
}

export function tryInteger(value: unknown, convert: boolean, range: { min: bigint; max: bigint }): bigint | undefined {
  value = checked(value);
  if (typeof value === 'bigint') return value >= range.min && value <= range.max ? value : undefined;
  return convert && typeof value === 'string' ? parseDotnetInteger(value, range) : undefined;
}

export function enumerableLength(value: unknown): number | undefined {
  value = checked(value);
  return Array.isArray(value) || typeof value === 'string' ? value.length : undefined;
}

export function nullOrEmpty(value: unknown): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

export function undecidable(reason: string): never {
  throw new Undecidable(reason);
}

/** ExpressionHelpers.Equal; expected comes from YAML (a string or a list of strings). */
export function equal(expected: unknown, actual: unknown, caseSensitive: boolean, convertExpected = false, convertActual = false): boolean {
  actual = checked(actual);
  if (actual === null) return false;
  const s1 = tryString(expected);
  const s2 = s1 === undefined ? undefined : tryString(actual, convertActual);
  if (s1 !== undefined && s2 !== undefined) return ordinalEquals(s1, s2, caseSensitive);
  const b1 = tryBool(expected, convertExpected);
  const b2 = b1 === undefined ? undefined : tryBool(actual, convertActual);
  if (b1 !== undefined && b2 !== undefined) return b1 === b2;
  const l1 = tryInteger(expected, convertExpected, INT64);
  const l2 = l1 === undefined ? undefined : tryInteger(actual, convertActual, INT64);
  if (l1 !== undefined && l2 !== undefined) return l1 === l2;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    // SequenceEqual: element by element, strings ordinal and case-sensitive.
    return expected.length === actual.length && expected.every((item, i) => typeof checked(actual[i]) === 'string' && item === actual[i]);
  }
  return false;
}

/** ExpressionHelpers.AnyValue: the value itself or, for an array, one of its items. */
export function anyValue(actual: unknown, expected: string, caseSensitive: boolean): boolean {
  return (Array.isArray(actual) && actual.some((item) => equal(expected, item, caseSensitive))) || equal(expected, actual, caseSensitive);
}

/** ExpressionHelpers.CompareNumeric against a long from YAML; undefined where PSRule finds no comparison. */
export function compareNumeric(actual: unknown, expected: bigint, convert: boolean): number | undefined {
  const sign = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
  const int = tryInteger(actual, convert, INT32);
  if (int !== undefined && expected >= INT32.min && expected <= INT32.max) return sign(int, expected);
  const long = tryInteger(actual, convert, INT64);
  if (long !== undefined) return sign(long, expected);
  // A long bound converts to a DateTime (now plus that many days); a string converts by culture.
  if (expected >= INT32.min && expected <= INT32.max && convert && typeof actual === 'string' && actual.trim() !== '') undecidable('a text compared as a date');
  const length = enumerableLength(actual);
  return length !== undefined && expected >= INT32.min && expected <= INT32.max ? sign(BigInt(length), expected) : undefined;
}

/** ExpressionHelpers.TryStringOrArray; null entries stand for array items that are not text. */
export function tryStringOrArray(value: unknown, convert: boolean): (string | null)[] | undefined {
  const single = tryString(value, convert);
  if (single !== undefined) return [single];
  return Array.isArray(value) ? value.map((item) => tryString(item, convert) ?? null) : undefined;
}
