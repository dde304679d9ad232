/**
 * `loadTextContent(path)`, `loadJsonContent(path)` and `loadYamlContent(path)`: Bicep reads the file when it
 * compiles, relative to the Bicep file, so its content is as known as a literal (the "shared variable file"
 * pattern). Values keep their place in that file, so a finding can point at the value that decides it.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Node as YamlNode } from 'yaml';
import { parseLazyJsonDocument } from '../syntax/lazyJson';
import type { JsonNode } from '../syntax/json';
import { arrayValue, bool, nullValue, num, objectValue, str, unknown, type Origin, type Value } from '../evaluate/value';
import { selectPath } from './jsonPath';

/** Deeper JSON or YAML is not turned into values (the lazy JSON tree itself has no depth limit). */
const MAX_DEPTH = 64;
/** Larger files are not evaluated: a file is parsed again on every analysis of the Bicep file that loads it. */
const MAX_FILE_LENGTH = 1_048_576;
/** Encodings the file is read in correctly: UTF-8, and UTF-16 by its byte order mark. */
const READABLE_ENCODINGS = new Set(['utf-8', 'utf-16', 'utf-16be', 'us-ascii']);

export type LoadFunction = 'loadTextContent' | 'loadJsonContent' | 'loadYamlContent';

export function isLoadFunction(name: string): name is LoadFunction {
  return name === 'loadTextContent' || name === 'loadJsonContent' || name === 'loadYamlContent';
}

/**
 * The value of a load function, given its evaluated arguments: the path, then (loadJsonContent, loadYamlContent) a
 * path filter, then the encoding (loadTextContent's second argument).
 */
export function loadContent(name: LoadFunction, args: readonly Value[], fromUri: string, readFile: (uri: string) => string | undefined): Value {
  const [path, ...rest] = args;
  if (!path) return unknown(`${name}() needs a file path`);
  if (path.kind !== 'string') return path.kind === 'unknown' ? path : unknown(`the path given to ${name}() is not a string`);
  const [filter, encoding] = name === 'loadTextContent' ? [undefined, rest[0]] : rest;
  if (filter && filter.kind !== 'string') return filter.kind === 'unknown' ? filter : unknown(`the path filter given to ${name}() is not a string`);
  if (encoding && !(encoding.kind === 'string' && READABLE_ENCODINGS.has(encoding.value.toLowerCase()))) return unknown(`${name}() in that encoding is not evaluated`);
  let target: string;
  try {
    target = new URL(path.value, fromUri).href;
  } catch {
    return unknown(`'${path.value}' is not a file path ${name}() can read`);
  }
  const text = readFile(target);
  if (text === undefined) return unknown(`'${path.value}' cannot be read (missing, or outside the workspace)`);
  if (text.length > MAX_FILE_LENGTH) return unknown(`'${path.value}' is longer than ${MAX_FILE_LENGTH} characters, and is not evaluated`);
  if (name === 'loadTextContent') {
    // A byte order mark is how the file is stored, not part of its text.
    const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return str(text.slice(start), { uri: target, span: { start, end: text.length }, kind: 'literal' });
  }
  const content = name === 'loadYamlContent' ? yamlContent(text, target, path.value) : jsonContent(text, target, path.value);
  return filter && filter.kind === 'string' && filter.value !== '' && content.kind !== 'unknown' ? selectPath(content, filter.value, path.value) : content;
}

function jsonContent(text: string, uri: string, path: string): Value {
  const root = parseLazyJsonDocument(text)?.root;
  return root ? jsonValue(root, uri, 0) : unknown(`'${path}' is not valid JSON`);
}

/** More flow collections than this and a YAML file is not parsed: the yaml package takes seconds on deeply nested ones. */
const MAX_YAML_FLOW_COLLECTIONS = 10_000;

function yamlContent(text: string, uri: string, path: string): Value {
  let collections = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 91 || c === 123) && ++collections > MAX_YAML_FLOW_COLLECTIONS) return unknown(`'${path}' has more than ${MAX_YAML_FLOW_COLLECTIONS} [ or { and is not evaluated`);
  }
  // prettyErrors off: with it, the yaml package ran out of memory on 100,000 nested brackets instead of reporting them.
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  if (document.errors.length > 0) return unknown(`'${path}' is not valid YAML`);
  // An alias repeats a node wherever it is used: a few of them can stand for an exponential amount of data.
  let aliases = 0;
  visit(document, { Alias: () => void aliases++ });
  if (aliases > 0) return unknown(`'${path}' uses YAML aliases, which are not evaluated`);
  return document.contents ? yamlValue(document.contents, uri, 0) : nullValue();
}

function yamlValue(node: YamlNode, uri: string, depth: number): Value {
  const [start, end] = node.range ?? [0, 0];
  const origin: Origin = { uri, span: { start, end }, kind: 'literal' };
  if (depth > MAX_DEPTH) return unknown(`the YAML nests more than ${MAX_DEPTH} levels deep`, origin);
  if (isMap(node)) {
    return objectValue(
      node.items.flatMap((pair) => {
        const key = isScalar(pair.key) ? pair.key : undefined;
        if (!key || !pair.value || isAlias(pair.value)) return [];
        return [{ name: String(key.value), value: yamlValue(pair.value as YamlNode, uri, depth + 1), keySpan: key.range ? { start: key.range[0], end: key.range[1] } : undefined }];
      }),
      origin,
    );
  }
  if (isSeq(node)) return arrayValue(node.items.map((item) => yamlValue(item as YamlNode, uri, depth + 1)), origin);
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value === 'string') return str(value, origin);
  if (typeof value === 'number') return num(value, origin);
  if (typeof value === 'boolean') return bool(value, origin);
  return value === null ? nullValue(origin) : unknown('a YAML value of this kind is not evaluated', origin);
}

function jsonValue(node: JsonNode, uri: string, depth: number): Value {
  const origin: Origin = { uri, span: { start: node.offset, end: node.offset + node.length }, kind: 'literal' };
  if (depth > MAX_DEPTH) return unknown(`the JSON nests more than ${MAX_DEPTH} levels deep`, origin);
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
