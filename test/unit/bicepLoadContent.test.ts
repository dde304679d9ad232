/** Bicep's load functions over files of every kind, including hostile ones: values with their place, or a reason. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadContent } from '../../server/src/core/bicep/loadContent';
import { str, toJson, type Value } from '../../server/src/core/evaluate/value';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { BicepTemplate } from '../../server/src/core/bicep/template';
import { buildBicepResources } from '../../server/src/core/bicep/resources';
import { parseBicep } from '../../server/src/core/bicep/parser';

const load = (name: 'loadTextContent' | 'loadJsonContent' | 'loadYamlContent', text: string | undefined, ...more: Value[]) =>
  loadContent(name, [str('config/shared.x'), ...more], 'file:///w/main.bicep', { text: (uri) => (uri === 'file:///w/config/shared.x' ? text : undefined), bytes: () => undefined, list: () => undefined });
const reason = (value: Value) => (value.kind === 'unknown' ? value.reason : `a known ${value.kind}`);

test('YAML values keep their place in the file; maps, lists, numbers, booleans and nulls', () => {
  const yaml = '# shared settings\nacr:\n  access: Enabled   # for now\n  days: 7\n  zones: [1, 2]\n  locked: false\n  note: ~\n';
  const value = load('loadYamlContent', yaml);
  assert.equal(value.kind, 'object');
  const acr = value.kind === 'object' ? value.members.get('acr')!.value : undefined;
  const members = acr?.kind === 'object' ? acr.members : new Map();
  const access = members.get('access')!.value;
  assert.deepEqual(access, { kind: 'string', value: 'Enabled', origin: { uri: 'file:///w/config/shared.x', span: { start: 33, end: 40 }, kind: 'literal' } });
  assert.equal(yaml.slice(33, 40), 'Enabled');
  assert.deepEqual(['days', 'zones', 'locked', 'note'].map((name) => members.get(name)!.value.kind), ['number', 'array', 'boolean', 'null']);
});

test('aliases, deep or malformed YAML, oversized files, filters and unreadable files are refused quickly, each saying why', () => {
  const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]'].join('\n');
  assert.match(reason(load('loadYamlContent', laughs)), /uses YAML aliases/);
  const started = performance.now();
  assert.match(reason(load('loadYamlContent', '['.repeat(200_000) + ']'.repeat(200_000))), /more than 10000 \[ or \{/);
  assert.ok(performance.now() - started < 1000, 'refused without parsing');
  assert.match(reason(load('loadYamlContent', 'a: [unclosed\n')), /is not valid YAML/);
  assert.match(reason(load('loadJsonContent', '{ "a": ')), /is not valid JSON/);
  assert.match(reason(load('loadJsonContent', `{"a": "${'x'.repeat(1_048_576)}"}`)), /longer than the 1048576 characters Bicep loads with loadJsonContent\(\)/);
  assert.match(reason(load('loadTextContent', 'x'.repeat(131_073))), /longer than the 131072 characters Bicep loads with loadTextContent\(\)/);
  assert.match(reason(load('loadJsonContent', '{}', str('$.a'))), /'\$\.a' matches nothing in/);
  assert.match(reason(load('loadJsonContent', '{ "a": [] }', str('$.a[0:2]'))), /path '\$\.a\[0:2\]' is not evaluated/);
  assert.match(reason(load('loadTextContent', 'x', str('iso-8859-5'))), /reads files in Bicep's encodings \(utf-8, utf-16, utf-16BE, us-ascii, iso-8859-1\)/);
  assert.match(reason(load('loadTextContent', undefined)), /cannot be read \(missing, or outside the workspace\)/);
  // Nesting past the limit is an unknown value deep inside, not a stack overflow.
  const deep = load('loadJsonContent', '['.repeat(5_000) + ']'.repeat(5_000));
  assert.equal(deep.kind, 'array');
});

test("a path filter picks values as Bicep's JSONPath does: one match is the value, several an array; in JSON and YAML", () => {
  // Bicep's own sample (LoadFunctions): test.json.txt with '.string', '.int', '.array[0]', '.object.nestedString'.
  const json = '{\n  "string": "someVal",\n  "int": 123,\n  "array": [1, 2],\n  "object": { "nestedString": "someVal", "Other": true }\n}\n';
  const picked = (path: string, text = json, name: 'loadJsonContent' | 'loadYamlContent' = 'loadJsonContent') => {
    const value = load(name, text, str(path));
    return value.kind === 'unknown' ? `unknown: ${value.reason}` : toJson(value);
  };
  assert.equal(picked('.string'), 'someVal');
  assert.equal(picked('.int'), 123);
  assert.equal(picked('.array[0]'), 1);
  assert.equal(picked('$.object.nestedString'), 'someVal');
  assert.equal(picked("$['object']['Other']"), true);
  assert.deepEqual(picked('.array[*]'), [1, 2]);
  assert.deepEqual(picked('.object.*'), ['someVal', true]);
  assert.deepEqual(picked('$'), JSON.parse(json));
  // Names match exactly, as in JSONPath (ARM's own lookups ignore case).
  assert.match(String(picked('.object.other')), /matches nothing/);
  // The value keeps its place in the file.
  const value = load('loadJsonContent', json, str('.object.nestedString'));
  assert.equal(value.origin && json.slice(value.origin.span.start, value.origin.span.end), '"someVal"');
  assert.equal(picked('.acr.access', 'acr:\n  access: Enabled\n', 'loadYamlContent'), 'Enabled');
});

test('loadTextContent drops the byte order mark a file starts with, as Bicep does', () => {
  const value = load('loadTextContent', '\ufeffhello');
  assert.equal(value.kind === 'string' ? value.value : value.kind, 'hello');
});

test("a loop or condition of another resource type is not evaluated, so the files it loads are not read (ALZ's policy definitions: 233 files)", () => {
  const definitions = Array.from({ length: 50 }, (_, i) => `  loadJsonContent('lib/def${i}.json')`).join('\n');
  const main = `var defs = [\n${definitions}\n]\nresource policies 'Microsoft.Authorization/policyDefinitions@2025-01-01' = [for def in defs: {\n  name: def.name\n}]\n`;
  const reads: string[] = [];
  const files: Record<string, string> = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`file:///w/lib/def${i}.json`, `{ "name": "def${i}" }`]));
  const analyze = (text: string) => analyzeDocument({ uri: 'file:///w/main.bicep', text }, { readText: (uri) => (reads.push(uri), files[uri]), workspaceRoots: ['file:///w/'] });
  analyze(main);
  assert.deepEqual(reads, []);
  // A registry's loop over the same files reads them.
  analyze(main.replace("'Microsoft.Authorization/policyDefinitions@2025-01-01'", "'Microsoft.ContainerRegistry/registries@2025-11-01'"));
  assert.equal(reads.length, 50);
});

test('a resource of another type that declares resources inside it is still expanded for them', () => {
  const site = "resource site 'Microsoft.Web/sites@2023-01-01' = [for name in ['a', 'b']: {\n  name: name\n  resource config 'config' = {\n    name: 'web'\n  }\n}]\n";
  const template = new BicepTemplate('file:///w/main.bicep', parseBicep(site));
  assert.deepEqual(buildBicepResources(template, new Set(['microsoft.web/sites/config'])).map((m) => m.type), ['Microsoft.Web/sites/config']);
});

test('path filters and recursive descent, as Newtonsoft reads them (Bicep\'s own sample: products over 3)', () => {
  const products = '{\n  "products": [\n    { "name": "pizza", "price": 5.00, "tags": { "env": "prod" } },\n    { "name": "salad", "price": 3.99 },\n    { "name": "bread", "price": 2.00, "vegan": true }\n  ]\n}\n';
  const picked = (path: string) => {
    const value = load('loadJsonContent', products, str(path));
    return value.kind === 'unknown' ? `unknown: ${value.reason}` : toJson(value);
  };
  assert.deepEqual(picked('.products[?(@.price > 3)].name'), ['pizza', 'salad']);
  assert.equal(picked("$.products[?(@.name == 'bread')].price"), 2);
  assert.equal(picked('$.products[?(@.name == "salad" || @.price >= 5 && @.name != \'pizza\')].name'), 'salad');
  assert.deepEqual(picked('$.products[?(!(@.price < 3) && @.price <= 5.0)].name'), ['pizza', 'salad']);
  // A path alone is true when it matches; a comparison with what is not there is false, whatever the operator.
  assert.equal(picked('$.products[?(@.vegan)].name'), 'bread');
  assert.equal(picked('$.products[?(@.vegan == true)].name'), 'bread');
  assert.match(String(picked('$.products[?(@.vegan != true)].name')), /matches nothing/);
  assert.equal(picked("$.products[?(@.tags['env'] == 'prod')].name"), 'pizza');
  // Values compare only with their kind: '5' is not 5.
  assert.match(String(picked("$.products[?(@.price == '5')].name")), /matches nothing/);
  // `..name`: every member of that name, at any depth, in document order.
  assert.deepEqual(picked('$..name'), ['pizza', 'salad', 'bread']);
  assert.equal(picked("$..['env']"), 'prod');
  // Written wrong, or beyond what is read: not evaluated.
  for (const path of ['$.products[?(@.price >)]', '$.products[?(@.name =~ /p.*/)]', '$.products[?(3)]']) assert.match(String(picked(path)), /is not evaluated/, path);
});

/** Load functions over bytes and folders, as the CLI and the editor give them. */
function access(files: Record<string, number[] | string>, folders: Record<string, string[]> = {}) {
  const bytesOf = (uri: string) => {
    const content = files[uri];
    return content === undefined ? undefined : typeof content === 'string' ? new TextEncoder().encode(content) : Uint8Array.from(content);
  };
  return {
    text: (uri: string) => {
      const bytes = bytesOf(uri);
      return bytes && new TextDecoder().decode(bytes);
    },
    bytes: bytesOf,
    list: (uri: string) => folders[uri],
  };
}
const at = (name: string) => `file:///w/config/${name}`;
const loadFrom = (files: ReturnType<typeof access>, name: Parameters<typeof loadContent>[0], ...args: Value[]) => loadContent(name, args, 'file:///w/main.bicep', files);
const plainValue = (value: Value) => (value.kind === 'unknown' ? `unknown: ${value.reason}` : toJson(value));

test("loadTextContent in Bicep's encodings, decoded from the bytes as .NET decodes them; a byte order mark wins", () => {
  const files = access({
    [at('latin1.txt')]: [0xa1, 0x41, 0xe9],
    [at('ascii.txt')]: [0x41, 0xe9, 0x42],
    [at('utf16le.txt')]: [0x44, 0x00, 0x69, 0x00, 0x73, 0x00],
    [at('utf16be.txt')]: [0x00, 0x44, 0x00, 0x69, 0x00, 0x73],
    [at('bom-utf8.txt')]: [0xef, 0xbb, 0xbf, 0xc3, 0xa9],
    [at('bom-utf16.json')]: [0xff, 0xfe, ...Array.from('{"access":"Enabled"}', (c) => [c.charCodeAt(0), 0]).flat()],
  });
  assert.equal(plainValue(loadFrom(files, 'loadTextContent', str('config/latin1.txt'), str('iso-8859-1'))), '\u00a1A\u00e9');
  assert.equal(plainValue(loadFrom(files, 'loadTextContent', str('config/ascii.txt'), str('us-ascii'))), 'A?B');
  assert.equal(plainValue(loadFrom(files, 'loadTextContent', str('config/utf16le.txt'), str('utf-16'))), 'Dis');
  assert.equal(plainValue(loadFrom(files, 'loadTextContent', str('config/utf16be.txt'), str('UTF-16BE'))), 'Dis');
  assert.equal(plainValue(loadFrom(files, 'loadTextContent', str('config/bom-utf8.txt'), str('iso-8859-1'))), '\u00e9', 'the UTF-8 byte order mark wins over iso-8859-1');
  assert.deepEqual(plainValue(loadFrom(files, 'loadJsonContent', str('config/bom-utf16.json'), str('$.access'), str('us-ascii'))), 'Enabled');
  const noBytes = { ...files, bytes: () => undefined };
  assert.equal(plainValue(loadFrom(noBytes, 'loadTextContent', str('config/latin1.txt'), str('iso-8859-1'))), "unknown: 'config/latin1.txt' cannot be read (missing, or outside the workspace)");
});

test('loadFileAsBase64: the bytes as base64, at most the 96 KB Bicep loads', () => {
  const files = access({ [at('bin')]: [0, 1, 2, 0xff], [at('empty')]: [], [at('big')]: new Array(96 * 1024 + 1).fill(7) });
  assert.equal(plainValue(loadFrom(files, 'loadFileAsBase64', str('config/bin'))), 'AAEC/w==');
  assert.equal(plainValue(loadFrom(files, 'loadFileAsBase64', str('config/empty'))), '');
  assert.equal(plainValue(loadFrom(files, 'loadFileAsBase64', str('config/big'))), "unknown: 'config/big' is larger than the 96 KB Bicep loads with loadFileAsBase64()");
  assert.equal(plainValue(loadFrom(files, 'loadFileAsBase64', str('config/none'))), "unknown: 'config/none' cannot be read (missing, or outside the workspace)");
});

test('loadDirectoryFileInfo: the files of a folder sorted ignoring case, with a wildcard pattern; names as .NET splits them', () => {
  const files = access({}, { [at('')]: ['b.txt', 'Z.txt', 'A.bicep', 'noext', '.env', 'trailing.', 'notes.txt.bak'] });
  const names = (value: Value): unknown[] | unknown => (value.kind === 'array' ? value.items.map((item) => toJson(item)) : plainValue(value));
  const baseNames = (value: Value) => (value.kind === 'array' ? value.items.map((item) => (toJson(item) as { baseName: string }).baseName) : plainValue(value));
  assert.deepEqual(names(loadFrom(files, 'loadDirectoryFileInfo', str('./config'))), [
    { relativePath: 'config/.env', baseName: '.env', extension: '.env' },
    { relativePath: 'config/A.bicep', baseName: 'A.bicep', extension: '.bicep' },
    { relativePath: 'config/b.txt', baseName: 'b.txt', extension: '.txt' },
    { relativePath: 'config/noext', baseName: 'noext', extension: '' },
    { relativePath: 'config/notes.txt.bak', baseName: 'notes.txt.bak', extension: '.bak' },
    { relativePath: 'config/trailing.', baseName: 'trailing.', extension: '' },
    { relativePath: 'config/Z.txt', baseName: 'Z.txt', extension: '.txt' },
  ]);
  assert.deepEqual(baseNames(loadFrom(files, 'loadDirectoryFileInfo', str('config/'), str('*.txt'))), ['b.txt', 'Z.txt']);
  assert.deepEqual(baseNames(loadFrom(files, 'loadDirectoryFileInfo', str('config'), str('?.txt'))), ['b.txt', 'Z.txt']);
  assert.equal(plainValue(loadFrom(files, 'loadDirectoryFileInfo', str('elsewhere'))), "unknown: the folder 'elsewhere' cannot be read (missing, or outside the workspace)");
  // A folder beside the Bicep file's, or in it: paths from the Bicep file's folder.
  const around = access({}, { 'file:///shared/': ['a b.txt'], 'file:///w/': ['main.bicep'] });
  assert.deepEqual(names(loadFrom(around, 'loadDirectoryFileInfo', str('../shared'))), [{ relativePath: '../shared/a b.txt', baseName: 'a b.txt', extension: '.txt' }]);
  assert.deepEqual(names(loadFrom(around, 'loadDirectoryFileInfo', str('.'))), [{ relativePath: 'main.bicep', baseName: 'main.bicep', extension: '.bicep' }]);
});
