/**
 * Bicep's compile-time file functions: `loadTextContent`, `loadJsonContent` and `loadYamlContent` (in any of Bicep's
 * encodings), `loadFileAsBase64` and `loadDirectoryFileInfo`. Bicep reads the files when it compiles, relative to the
 * Bicep file, so their content is as known as a literal (the "shared variable file" pattern). Values keep their place
 * in that file, so a finding can point at the value that decides it.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Node as YamlNode } from 'yaml';
import { parseLazyJsonDocument } from '../syntax/lazyJson';
import type { JsonNode } from '../syntax/json';
import { arrayValue, bool, nullValue, num, objectValue, str, unknown, type Origin, type Value } from '../evaluate/value';
import { selectPath } from './jsonPath';
import { decodeAs, isBicepEncoding } from './fileEncodings';
import { base64OfBytes } from '../evaluate/expressions/encodingFunctions';
import { decodeUriText, resolveFilePath } from '../text/filePaths';

/** Deeper JSON or YAML is not turned into values (the lazy JSON tree itself has no depth limit). */
const MAX_DEPTH = 64;
/** What Bicep loads at most (characters, with line endings; bytes for base64): a larger file does not compile. */
const MAX_TEXT_LENGTH = 131_072;
const MAX_DOCUMENT_LENGTH = 1_048_576;
const MAX_BASE64_BYTES = 96 * 1024;

export type LoadFunction = 'loadTextContent' | 'loadJsonContent' | 'loadYamlContent' | 'loadFileAsBase64' | 'loadDirectoryFileInfo';

const LOAD_FUNCTIONS: ReadonlySet<string> = new Set(['loadTextContent', 'loadJsonContent', 'loadYamlContent', 'loadFileAsBase64', 'loadDirectoryFileInfo']);

export function isLoadFunction(name: string): name is LoadFunction {
  return LOAD_FUNCTIONS.has(name);
}

/** How the load functions read: text as the host decodes it (UTF-8, or UTF-16 by its byte order mark), bytes, folders. */
export interface LoadAccess {
  text(uri: string): string | undefined;
  bytes(uri: string): Uint8Array | undefined;
  /** the names of the files in a folder */
  list(uri: string): string[] | undefined;
}

/**
 * The value of a load function, given its evaluated arguments: the path, then (loadJsonContent, loadYamlContent) a
 * path filter, then the encoding (loadTextContent's second argument); loadDirectoryFileInfo's second is a pattern.
 */
export function loadContent(name: LoadFunction, args: readonly Value[], fromUri: string, files: LoadAccess): Value {
  const [path, ...rest] = args;
  if (!path) return unknown(`${name}() needs a file path`);
  if (path.kind !== 'string') return path.kind === 'unknown' ? path : unknown(`the path given to ${name}() is not a string`);
  const [filter, encoding] = name === 'loadTextContent' ? [undefined, rest[0]] : rest;
  if (filter && filter.kind !== 'string') return filter.kind === 'unknown' ? filter : unknown(`the ${name === 'loadDirectoryFileInfo' ? 'search pattern' : 'path filter'} given to ${name}() is not a string`);
  if (encoding && !(encoding.kind === 'string' && isBicepEncoding(encoding.value))) return encoding.kind === 'unknown' ? encoding : unknown(`${name}() reads files in Bicep's encodings (utf-8, utf-16, utf-16BE, us-ascii, iso-8859-1)`);
  let target: string;
  try {
    target = resolveFilePath(path.value, fromUri);
  } catch {
    return unknown(`'${path.value}' is not a file path ${name}() can read`);
  }
  if (name === 'loadDirectoryFileInfo') return directoryFileInfo(target, path.value, fromUri, filter?.kind === 'string' ? filter.value : undefined, files);
  if (name === 'loadFileAsBase64') return fileAsBase64(target, path.value, files);
  const text = textIn(target, encoding?.kind === 'string' ? encoding.value : 'utf-8', files);
  if (text === undefined) return unknown(`'${path.value}' cannot be read (missing, or outside the workspace)`);
  const limit = name === 'loadTextContent' ? MAX_TEXT_LENGTH : MAX_DOCUMENT_LENGTH;
  if (text.length > limit) return unknown(`'${path.value}' is longer than the ${limit} characters Bicep loads with ${name}()`);
  if (name === 'loadTextContent') {
    // A byte order mark is how the file is stored, not part of its text.
    const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return str(text.slice(start), { uri: target, span: { start, end: text.length }, kind: 'literal' });
  }
  const content = name === 'loadYamlContent' ? yamlContent(text, target, path.value) : jsonContent(text, target, path.value);
  return filter && filter.kind === 'string' && filter.value !== '' && content.kind !== 'unknown' ? selectPath(content, filter.value, path.value) : content;
}

/**
 * The file's text in `encoding`: UTF-8 as the host reads it (the editor's unsaved text included), any other from its
 * bytes as .NET decodes them; undefined when it cannot be read.
 */
function textIn(uri: string, encoding: string, files: LoadAccess): string | undefined {
  if (encoding.toLowerCase() === 'utf-8') return files.text(uri);
  const bytes = files.bytes(uri);
  return bytes === undefined ? undefined : decodeAs(bytes, encoding);
}

function fileAsBase64(uri: string, path: string, files: LoadAccess): Value {
  const bytes = files.bytes(uri);
  if (bytes === undefined) return unknown(`'${path}' cannot be read (missing, or outside the workspace)`);
  if (bytes.length > MAX_BASE64_BYTES) return unknown(`'${path}' is larger than the 96 KB Bicep loads with loadFileAsBase64()`);
  return str(base64OfBytes(bytes), { uri, span: { start: 0, end: 0 }, kind: 'literal' });
}

/**
 * The files (not folders) of a folder, as Bicep lists them: `relativePath` from the Bicep file's folder, `baseName`
 * (the file's whole name), `extension` (with its dot, or empty), sorted by name ignoring case; `pattern` with `*` and
 * `?` as wildcards.
 */
function directoryFileInfo(folder: string, path: string, fromUri: string, pattern: string | undefined, files: LoadAccess): Value {
  const directory = folder.endsWith('/') ? folder : `${folder}/`;
  const names = files.list(directory);
  if (names === undefined) return unknown(`the folder '${path}' cannot be read (missing, or outside the workspace)`);
  const matches = pattern === undefined || pattern === '' ? () => true : wildcard(pattern);
  const base = new URL('.', fromUri).href;
  const origin: Origin = { uri: directory, span: { start: 0, end: 0 }, kind: 'literal' };
  const entries = names
    .filter(matches)
    .sort((a, b) => compareIgnoringCase(a, b))
    .map((name) => {
      const relativePath = relativeFrom(base, new URL(encodeURIComponent(name), directory).href);
      // As .NET's Path.GetExtension: from the last dot ('.env' is all extension), none when the name ends in a dot.
      const dot = name.lastIndexOf('.');
      const extension = dot >= 0 && dot < name.length - 1 ? name.slice(dot) : '';
      return objectValue([{ name: 'relativePath', value: str(relativePath, origin) }, { name: 'baseName', value: str(name, origin) }, { name: 'extension', value: str(extension, origin) }], origin);
    });
  return arrayValue(entries, origin);
}

/** The path of `uri` from the folder `base` (both URIs), with `..` where it lies outside it. */
function relativeFrom(base: string, uri: string): string {
  const from = new URL(base).pathname.split('/').slice(0, -1);
  const to = new URL(uri).pathname.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return decodeUriText([...from.slice(common).map(() => '..'), ...to.slice(common)].join('/'));
}

function compareIgnoringCase(a: string, b: string): number {
  const [x, y] = [a.toUpperCase(), b.toUpperCase()];
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** A search pattern with `*` (any characters) and `?` (one character), matched against a whole file name. */
function wildcard(pattern: string): (name: string) => boolean {
  const expression = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  return (name) => expression.test(name);
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
