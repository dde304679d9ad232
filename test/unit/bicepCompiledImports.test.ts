/**
 * Compile-time imports from compiled templates: a JSON template beside the Bicep file, or a registry module or template
 * spec where Bicep restores it. Bicep lists exported variables in `metadata.__bicep_exported_variables!` and marks
 * exported types and functions with `__bicep_export!`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBicep } from '../../server/src/core/bicep/parser';
import { BicepTemplate, CompileTimeFiles } from '../../server/src/core/bicep/template';
import { parseArmDocument } from '../../server/src/core/arm/armDocument';
import { analyzeWith, HOME } from './restoredModules';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const EXPORT = { '__bicep_export!': true };

/** What `bicep build` makes of a file exporting `access`, `status`, a nullable type and a function. */
const COMPILED_EXPORTS = {
  $schema: SCHEMA,
  languageVersion: '2.0',
  contentVersion: '1.0.0.0',
  metadata: { _generator: { name: 'bicep', version: '0.38.5.1644' }, '__bicep_exported_variables!': [{ name: 'access' }, { name: 'status' }] },
  definitions: {
    optionalRules: { type: 'array', nullable: true, metadata: EXPORT },
    requiredRules: { type: 'array', metadata: EXPORT },
    hiddenNullable: { type: 'array', nullable: true },
  },
  functions: [
    {
      namespace: '__bicep',
      members: {
        accessFor: { parameters: [{ type: 'string', name: 'env' }], output: { type: 'string', value: "[if(equals(parameters('env'), 'prod'), variables('x'), 'Disabled')]" }, metadata: EXPORT },
        suffixed: { parameters: [{ type: 'string', name: 'text' }], output: { type: 'string', value: "[concat(parameters('text'), 'abled')]" }, metadata: EXPORT },
        internal: { parameters: [], output: { type: 'string', value: 'x' } },
      },
    },
  ],
  variables: { prefix: 'Dis', access: "[concat(variables('prefix'), 'abled')]", status: 'disabled', private: 'Enabled' },
  resources: {},
};

function templateOf(text: string, files: Record<string, string>): BicepTemplate {
  const read = (uri: string) => files[uri];
  const resolution = { restored: () => undefined, parseTemplate: parseArmDocument };
  return new BicepTemplate('file:///w/main.bicep', parseBicep(text), new Map(), new CompileTimeFiles(read, resolution));
}

const plain = (value: ReturnType<BicepTemplate['lookup']>) => (value?.kind === 'unknown' ? `unknown: ${value.reason}` : value?.kind === 'string' ? value.value : value?.kind);

test('a JSON template beside the file: exported variables by name or all of them, evaluated as ARM evaluates them', () => {
  const files = { 'file:///w/shared.json': JSON.stringify(COMPILED_EXPORTS, null, 2) };
  const template = templateOf("import { access, private } from 'shared.json'\nimport * as shared from 'shared.json'\n", files);
  assert.equal(plain(template.lookup('access')), 'Disabled');
  assert.equal(plain(template.lookup('private')), "unknown: 'private' is not an exported variable of 'shared.json'");
  const all = template.lookup('shared');
  assert.deepEqual(all?.kind === 'object' ? [...all.members.values()].map((m) => [m.name, plain(m.value)]) : all, [['access', 'Disabled'], ['status', 'disabled']]);
  assert.equal(all?.kind === 'object' ? all.members.get('access')?.value.origin?.uri : undefined, 'file:///w/shared.json', 'the value remembers the file that decides it');
  assert.deepEqual([...template.loadedFiles], ['file:///w/shared.json']);

  const notTemplate = templateOf("import { access } from 'readme.json'\n", { 'file:///w/readme.json': '{ "access": "Disabled" }' });
  assert.equal(plain(notTemplate.lookup('access')), "unknown: 'access' is imported from 'readme.json', which is neither a Bicep file nor an ARM template");
});

test('a quoted name (an ARM variable that is no Bicep identifier) is imported under its alias; copy variables evaluate', () => {
  const compiled = {
    $schema: SCHEMA,
    languageVersion: '2.0',
    contentVersion: '1.0.0.0',
    metadata: { '__bicep_exported_variables!': [{ name: 'acr-access' }, { name: 'accessList' }] },
    variables: { 'acr-access': 'Disabled', copy: [{ name: 'accessList', count: 2, input: "[if(equals(copyIndex('accessList'), 0), 'Enabled', 'Disabled')]" }] },
    resources: {},
  };
  const files = { 'file:///w/shared.json': JSON.stringify(compiled) };
  const template = templateOf("import {\n  'acr-access' as access\n  accessList\n} from 'shared.json'\nvar second = accessList[1]\n", files);
  assert.equal(plain(template.lookup('access')), 'Disabled');
  assert.equal(plain(template.lookup('second')), 'Disabled');
  const list = template.lookup('accessList');
  assert.deepEqual(list?.kind === 'array' ? list.items.map(plain) : list, ['Enabled', 'Disabled']);
  // Without an alias a quoted name binds nothing, as Bicep requires one.
  assert.equal(templateOf("import { 'acr-access' } from 'shared.json'\n", files).lookup('acr-access'), undefined);
});

test('functions and nullable types exported by a compiled template', () => {
  const files = { 'file:///w/shared.json': JSON.stringify(COMPILED_EXPORTS) };
  const template = templateOf(
    [
      "import { suffixed, internal, optionalRules, requiredRules, hiddenNullable } from 'shared.json'",
      "import * as lib from 'shared.json'",
      "var a = suffixed('Dis')",
      "var b = lib.accessFor('test')",
      "var c = internal()",
      "var d = suffixed('Dis', 'extra')",
      "var e = lib.accessFor('prod')",
      'param optional optionalRules',
      'param required requiredRules',
      'param hidden hiddenNullable',
      '',
    ].join('\n'),
    files,
  );
  assert.equal(plain(template.lookup('a')), 'Disabled');
  assert.equal(plain(template.lookup('b')), 'Disabled');
  assert.equal(plain(template.lookup('c')), "unknown: 'internal' is not an exported function of 'shared.json'");
  assert.equal(plain(template.lookup('d')), "unknown: function 'suffixed' takes 1 argument, got 2");
  // A function's body sees its own parameters, not the template's variables (as ARM evaluates it).
  assert.match(plain(template.lookup('e'))!, /^unknown: .*variable 'x'/);
  assert.equal(template.lookup('optional')?.kind, 'null', 'a parameter of an exported nullable type may be left out');
  assert.match(plain(template.lookup('required'))!, /^unknown: parameter 'required' has no value/);
  assert.match(plain(template.lookup('hidden'))!, /^unknown: parameter 'hidden' has no value/, 'a type that is not exported is not imported');
});

const REGISTRY_CALLER = (from: string) =>
  [
    `import { access, status } from '${from}'`,
    "resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {",
    "  name: 'teamacr'",
    "  location: 'westeurope'",
    "  sku: { name: 'Premium' }",
    '  properties: {',
    '    publicNetworkAccess: access',
    '    policies: { exportPolicy: { status: status } }',
    '  }',
    '}',
    '',
  ].join('\n');

const RESTORED_CONFIG = `${HOME}/.bicep/br/contoso.azurecr.io/shared%24config/v1%24/main.json`;

test('a registry import is read where Bicep restores it, and its value decides the verdict', () => {
  const failing = { ...COMPILED_EXPORTS, variables: { ...COMPILED_EXPORTS.variables, access: 'Enabled' } };
  const text = REGISTRY_CALLER('br:contoso.azurecr.io/shared/config:v1');
  const { analysis } = analyzeWith('file:///w/main.bicep', text, { [RESTORED_CONFIG]: JSON.stringify(failing, null, 2) });
  assert.equal(analysis.findings.length, 1);
  const [finding] = analysis.findings;
  assert.equal(finding!.unresolved, false);
  assert.match(finding!.message, /publicNetworkAccess is 'Enabled'/);
  assert.equal(text.slice(finding!.span.start, finding!.span.end), 'access');
  assert.ok(analysis.dependencies.includes(RESTORED_CONFIG));
  // The cache is never edited: the fix sets the value in the registry itself.
  const fixes = finding!.fixes();
  assert.ok(fixes.length > 0);
  for (const fix of fixes) for (const edit of fix.edits) assert.equal(edit.uri, 'file:///w/main.bicep', fix.title);

  const passing = analyzeWith('file:///w/main.bicep', text, { [RESTORED_CONFIG]: JSON.stringify(COMPILED_EXPORTS) }).analysis;
  assert.deepEqual(passing.findings, []);
});

test('a registry import through an alias of bicepconfig.json, and one from a template spec, read from the cache', () => {
  const config = JSON.stringify({ moduleAliases: { br: { shared: { registry: 'contoso.azurecr.io', modulePath: 'shared' } } } });
  const viaAlias = analyzeWith('file:///w/main.bicep', REGISTRY_CALLER('br/shared:config:v1'), { 'file:///w/bicepconfig.json': config, [RESTORED_CONFIG]: JSON.stringify(COMPILED_EXPORTS) });
  assert.deepEqual(viaAlias.analysis.findings, []);
  assert.ok(viaAlias.analysis.dependencies.includes(RESTORED_CONFIG));

  const subscription = '00000000-0000-0000-0000-000000000001';
  const restoredSpec = `${HOME}/.bicep/ts/${subscription}/platform/shared/v1/main.json`;
  const version = { id: `/subscriptions/${subscription}/resourceGroups/platform/providers/Microsoft.Resources/templateSpecs/shared/versions/v1`, properties: { mainTemplate: { ...COMPILED_EXPORTS, variables: { ...COMPILED_EXPORTS.variables, status: 'enabled' } } } };
  const fromSpec = analyzeWith('file:///w/main.bicep', REGISTRY_CALLER(`ts:${subscription}/Platform/shared:v1`), { [restoredSpec]: JSON.stringify(version) });
  assert.equal(fromSpec.analysis.findings.length, 1);
  assert.match(fromSpec.analysis.findings[0]!.message, /exportPolicy\.status is 'enabled'/);
});

test('a registry import Bicep has not restored is unknown and says so; its cache file is a dependency, checked when it appears', () => {
  const { analysis } = analyzeWith('file:///w/main.bicep', REGISTRY_CALLER('br:contoso.azurecr.io/shared/config:v1'), {});
  assert.equal(analysis.findings.length, 1);
  assert.equal(analysis.findings[0]!.unresolved, true);
  assert.match(analysis.findings[0]!.message, /'access' is imported from 'br:contoso\.azurecr\.io\/shared\/config:v1', which Bicep has not restored/);
  assert.ok(analysis.dependencies.includes(RESTORED_CONFIG));
});

test('a .bicepparam file may import from a restored registry module: the value it passes is judged', () => {
  const main = "param access string\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'teamacr'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n";
  const params = "using 'main.bicep'\nimport * as shared from 'br:contoso.azurecr.io/shared/config:v1'\nparam access = shared.access\n";
  const failing = { ...COMPILED_EXPORTS, variables: { ...COMPILED_EXPORTS.variables, access: 'Enabled' } };
  const { analysis } = analyzeWith('file:///w/dev.bicepparam', params, { 'file:///w/main.bicep': main, [RESTORED_CONFIG]: JSON.stringify(failing) });
  assert.equal(analysis.findings.length, 1);
  const [finding] = analysis.findings;
  assert.equal(params.slice(finding!.span.start, finding!.span.end), 'shared.access');
  assert.match(finding!.message, /publicNetworkAccess is 'Enabled'/);
  assert.ok(analysis.dependencies.includes(RESTORED_CONFIG));
  // An expression, not a literal: no edit replaces it, and none reaches into the cache.
  for (const fix of finding!.fixes()) for (const edit of fix.edits) assert.equal(edit.uri, 'file:///w/dev.bicepparam', fix.title);

  // From a Bicep file in the workspace the same: reported where the parameter file passes it (it was lost before).
  const local = "using 'main.bicep'\nimport { access } from 'shared.bicep'\nparam access = access\n";
  const shared = "@export()\nvar access = 'Enabled'\n";
  const fromBicep = analyzeWith('file:///w/dev.bicepparam', local, { 'file:///w/main.bicep': main, 'file:///w/shared.bicep': shared }).analysis;
  assert.deepEqual(fromBicep.findings.map((f) => local.slice(f.span.start, f.span.end)), ['access']);
  assert.equal(fromBicep.findings[0]!.span.start, local.lastIndexOf('access'));
});

test('a .bicepparam value read from a file it loads (loadJsonContent) is reported where the parameter file passes it', () => {
  const main = "param access string\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'teamacr'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n";
  const params = "using 'main.bicep'\nparam access = loadJsonContent('settings.json').access\n";
  const { analysis } = analyzeWith('file:///w/dev.bicepparam', params, { 'file:///w/main.bicep': main, 'file:///w/settings.json': '{ "access": "Enabled" }' });
  assert.deepEqual(analysis.findings.map((f) => [params.slice(f.span.start, f.span.end), /publicNetworkAccess is 'Enabled'/.test(f.message)]), [["loadJsonContent('settings.json').access", true]]);
});
