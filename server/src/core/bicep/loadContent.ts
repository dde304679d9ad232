/**
 * `loadTextContent(path)` and `loadJsonContent(path)`: Bicep reads the file when it compiles, relative to the Bicep
 * file, so its content is as known as a literal (the "shared variable file" pattern). Values keep their place in that
 * file, so a finding can point at the JSON value that decides it.
 */
import { parseLazyJsonDocument } from '../syntax/lazyJson';
import type { JsonNode } from '../syntax/json';
import { arrayValue, bool, nullValue, num, objectValue, str, unknown, type Origin, type Value } from '../evaluate/value';

/** Deeper JSON is not turned into values (the lazy tree itself has no depth limit). */
const MAX_JSON_DEPTH = 64;
/** Encodings the file is read in correctly: UTF-8, and UTF-16 by its byte order mark. */
const READABLE_ENCODINGS = new Set(['utf-8', 'utf-16', 'utf-16be', 'us-ascii']);

export type LoadFunction = 'loadTextContent' | 'loadJsonContent';

export function isLoadFunction(name: string): name is LoadFunction {
  return name === 'loadTextContent' || name === 'loadJsonContent';
}

/**
 * The value of a load function, given its evaluated arguments: the path, then for loadJsonContent a JSONPath filter,
 * then the encoding (loadTextContent's second argument).
 */
export function loadContent(name: LoadFunction, args: readonly Value[], fromUri: string, readFile: (uri: string) => string | undefined): Value {
  const [path, ...rest] = args;
  if (!path) return unknown(`${name}() needs a file path`);
  if (path.kind !== 'string') return path.kind === 'unknown' ? path : unknown(`the path given to ${name}() is not a string`);
  const [filter, encoding] = name === 'loadJsonContent' ? rest : [undefined, rest[0]];
  if (filter && !(filter.kind === 'string' && filter.value === '')) return unknown(`${name}() with a JSONPath filter is not evaluated`);
  if (encoding && !(encoding.kind === 'string' && READABLE_ENCODINGS.has(encoding.value.toLowerCase()))) return unknown(`${name}() in that encoding is not evaluated`);
  let target: string;
  try {
    target = new URL(path.value, fromUri).href;
  } catch {
    return unknown(`'${path.value}' is not a file path ${name}() can read`);
  }
  const text = readFile(target);
  if (text === undefined) return unknown(`'${path.value}' cannot be read (missing, or outside the workspace)`);
  if (name === 'loadTextContent') return str(text, { uri: target, span: { start: 0, end: text.length }, kind: 'literal' });
  const root = parseLazyJsonDocument(text)?.root;
  return root ? jsonValue(root, target, 0) : unknown(`'${path.value}' is not valid JSON`);
}

function jsonValue(node: JsonNode, uri: string, depth: number): Value {
  const origin: Origin = { uri, span: { start: node.offset, end: node.offset + node.length }, kind: 'literal' };
  if (depth > MAX_JSON_DEPTH) return unknown(`the JSON nests more than ${MAX_JSON_DEPTH} levels deep`, origin);
  switch (node.type) {
    case 'object':
      return objectValue(
        (node.children ?? []).flatMap((property) => {
          const [key, value] = property.children ?? [];
          if (!key || !value) return [];
          return [{ name: String(key.value), value: jsonValue(value, uri, depth + 1), keySpan: { start: key.offset, end: key.offset + key.length } }];
        }),
        origin,
      );
    case 'array':
      return arrayValue((node.children ?? []).map((item) => jsonValue(item, uri, depth + 1)), origin);
    case 'string':
      return str(String(node.value), origin);
    case 'number':
      return num(Number(node.value), origin);
    case 'boolean':
      return bool(node.value === true, origin);
    default:
      return nullValue(origin);
  }
}
