/**
 * A parameter of a nullable user-defined type (`type t = {...}[]?`, then `param p t`) may be left out, and is then
 * null, as when the parameter itself is written `t?`: CARML's and older AVM modules declare private endpoints so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBicep } from '../../server/src/core/bicep/parser';
import { BicepTemplate, CompileTimeFiles } from '../../server/src/core/bicep/template';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { result } from './expressions/harness';

const files: Record<string, string> = {
  'file:///w/types.bicep': '@export()\ntype endpoints = {\n  name: string?\n}[]?\n@export()\ntype required = {\n  name: string\n}[]\n',
};

function lookup(text: string, name: string) {
  const template = new BicepTemplate('file:///w/main.bicep', parseBicep(text), new Map(), new CompileTimeFiles((uri) => files[uri]));
  return { value: template.lookup(name), template };
}

test('a parameter of a nullable type is null: declared here, through an alias, or imported by name or namespace', () => {
  const local = 'type endpoints = {\n  name: string?\n}[]?\ntype alias = endpoints\ntype union = (\n  | \'a\'\n  | \'b\'\n)?\n';
  for (const declaration of ['param p endpoints', 'param p alias', 'param p union', 'param p alias?']) {
    assert.deepEqual(lookup(`${local}${declaration}\n`, 'p').value?.kind, 'null', declaration);
  }
  const imported = lookup("import { endpoints } from 'types.bicep'\nparam p endpoints\n", 'p');
  assert.equal(imported.value?.kind, 'null');
  assert.deepEqual([...imported.template.loadedFiles], ['file:///w/types.bicep'], 'the file that decides it is a dependency');
  assert.equal(lookup("import * as types from 'types.bicep'\nparam p types.endpoints\n", 'p').value?.kind, 'null');
});

test('a parameter of a type that is not nullable, or that cannot be read, has no value', () => {
  const cases = [
    'type endpoints = {\n  name: string?\n}[]\nparam p endpoints\n',
    'type endpoints = string\ntype alias = endpoints\nparam p alias\n',
    // Names that loop (Bicep rejects them) end, with no value.
    'type a = b\ntype b = a\nparam p a\n',
    "import { required } from 'types.bicep'\nparam p required\n",
    "import { endpoints } from 'missing.bicep'\nparam p endpoints\n",
    "import { endpoints } from 'br/public:avm/utl/types/avm-common-types:0.5.1'\nparam p endpoints\n",
    'param p undeclaredType\n',
  ];
  for (const text of cases) {
    const { value } = lookup(text, 'p');
    assert.equal(value?.kind, 'unknown', text);
    assert.equal(value?.kind === 'unknown' && value.reason, "parameter 'p' has no value", text);
  }
});

test('a registry whose access falls back on a nullable private-endpoint parameter is judged, not left unverified', () => {
  const text = [
    'type privateEndpointType = {',
    '  name: string?',
    '}[]?',
    'param privateEndpoints privateEndpointType',
    "resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {",
    "  name: 'acr'",
    "  sku: { name: 'Premium' }",
    '  properties: {',
    "    publicNetworkAccess: !empty(privateEndpoints) ? 'Disabled' : null",
    "    policies: { exportPolicy: { status: 'disabled' } }",
    '  }',
    '}',
    '',
  ].join('\n');
  const [finding, ...rest] = analyzeDocument({ uri: 'file:///w/main.bicep', text }).findings;
  assert.deepEqual(rest, []);
  assert.equal(finding?.unresolved, false);
  assert.match(finding!.message, /properties\.publicNetworkAccess is null \(must be 'Disabled'\)/);
});

test("ARM: a parameter whose $ref names a nullable definition is null, through a chain of them; others have no value", () => {
  const template = {
    languageVersion: '2.0',
    definitions: {
      endpoints: { type: 'array', items: { type: 'object' }, nullable: true },
      alias: { $ref: '#/definitions/endpoints' },
      'a/b': { type: 'string', nullable: true },
      required: { type: 'array' },
      loop: { $ref: '#/definitions/loop' },
    },
    parameters: {
      direct: { $ref: '#/definitions/endpoints' },
      chained: { $ref: '#/definitions/alias' },
      escaped: { $ref: '#/definitions/a~1b' },
      required: { $ref: '#/definitions/required' },
      looping: { $ref: '#/definitions/loop' },
      elsewhere: { $ref: '#/definitions/endpoints/items' },
    },
  };
  for (const name of ['direct', 'chained', 'escaped']) assert.equal(result(`[parameters('${name}')]`, template), null, name);
  for (const name of ['required', 'looping', 'elsewhere']) assert.equal(result(`[parameters('${name}')]`, template), `unknown: parameter '${name}' has no value`, name);
});
