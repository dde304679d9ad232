/**
 * PSRule for Azure's configuration.AZURE_PARAMETER_DEFAULTS: a value for a parameter nothing else sets, after a
 * parameter file's or caller's value and the template's default, before null for a nullable parameter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePsRuleOptions } from '../../../server/src/core/psrule/options';
import { ParameterDefaults } from '../../../server/src/core/psrule/parameterDefaults';
import { loadProjectConfiguration, type ConfigFileSource } from '../../../server/src/core/psrule/projectConfiguration';
import { analyzeDocument, type DocumentAnalysis } from '../../../server/src/core/analysis/analyzeDocument';
import { applyEdits } from '../../../server/src/core/analysis/queries';

const defaultsOf = (yaml: string) => {
  const { options, diagnostics } = parsePsRuleOptions(yaml, '/w/ps-rule.yaml', '/w');
  assert.deepEqual(diagnostics, []);
  return ParameterDefaults.fromOptions(options.path, options.parameterDefaults)!;
};

test('entries are read with their place; keys of the option and parameter names compare case-insensitively', () => {
  const yaml = 'Configuration:\n  azure_parameter_defaults:\n    Access: Enabled\n';
  const defaults = defaultsOf(yaml);
  assert.equal(defaults.uri, 'file:///w/ps-rule.yaml');
  const value = defaults.valueFor('ACCESS', 'string');
  assert.deepEqual(value, { kind: 'string', value: 'Enabled', origin: { uri: 'file:///w/ps-rule.yaml', span: { start: yaml.indexOf('Enabled'), end: yaml.indexOf('Enabled') + 7 }, kind: 'configuredDefault', name: 'Access' } });
  assert.equal(ParameterDefaults.fromOptions('/w/ps-rule.yaml', []), undefined, 'an empty option changes nothing');
});

test('as PSRule for Azure reads them: text for string parameters, .NET booleans for bool ones, nothing it could read two ways', () => {
  const defaults = defaultsOf("configuration:\n  AZURE_PARAMETER_DEFAULTS:\n    plain: Disabled\n    quoted: '3'\n    number: 3\n    flag: ' True '\n    plainFlag: false\n    word: yes\n    list: [a]\n    empty: ~\n");
  const text = (name: string, type: 'string' | 'bool' | 'other') => {
    const value = defaults.valueFor(name, type);
    return value && 'value' in value ? value.value : undefined;
  };
  assert.equal(text('plain', 'string'), 'Disabled');
  assert.equal(text('quoted', 'string'), '3');
  // Unquoted, YAML reads 3 as a number: one of PSRule's two readers of the option would not give a string parameter it.
  assert.equal(text('number', 'string'), undefined);
  assert.equal(text('flag', 'bool'), true);
  assert.equal(text('plainFlag', 'bool'), false);
  assert.equal(text('word', 'bool'), undefined, "bool.TryParse does not read 'yes'");
  assert.equal(text('list', 'string'), undefined);
  assert.equal(text('empty', 'string'), undefined);
  assert.equal(text('plain', 'other'), undefined, 'int, array and object parameters are not filled');
  assert.equal(text('missing', 'string'), undefined);
});

test('an option that is not a mapping gives a diagnostic at its place and is ignored', () => {
  const yaml = 'configuration:\n  AZURE_PARAMETER_DEFAULTS: [ access ]\n';
  const { options, diagnostics } = parsePsRuleOptions(yaml, '/w/ps-rule.yaml', '/w');
  assert.equal(options.parameterDefaults, undefined);
  assert.deepEqual(diagnostics, [{ path: '/w/ps-rule.yaml', span: { start: yaml.indexOf('['), end: yaml.indexOf(']') + 1 }, message: 'configuration.AZURE_PARAMETER_DEFAULTS must map parameter names to values; it is ignored.' }]);
  assert.deepEqual(parsePsRuleOptions('configuration:\n  AZURE_PARAMETER_DEFAULTS:\n', '/w/ps-rule.yaml', '/w').diagnostics, []);
});

const OPTIONS = '/w/ps-rule.yaml';

function analyse(uri: string, text: string, yaml: string | undefined, others: Record<string, string> = {}): DocumentAnalysis {
  const files: Record<string, string> = yaml === undefined ? {} : { [OPTIONS]: yaml };
  const source: ConfigFileSource = { readFile: (path) => files[path], listDir: () => [] };
  const project = loadProjectConfiguration(new URL(uri).pathname, '/w', source);
  assert.deepEqual(project.diagnostics, []);
  const texts: Record<string, string> = { ...others, 'file:///w/ps-rule.yaml': yaml ?? '' };
  return analyzeDocument({ uri, text }, { configuration: { project, filePath: new URL(uri).pathname }, readText: (u) => texts[u], workspaceRoots: ['file:///w/'] });
}

const defaults = (entries: string) => `configuration:\n  AZURE_PARAMETER_DEFAULTS:\n${entries}`;

const armTemplate = (parameters: object) =>
  JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters,
      resources: [
        {
          type: 'Microsoft.ContainerRegistry/registries',
          apiVersion: '2025-11-01',
          name: "[parameters('name')]",
          location: 'westeurope',
          sku: { name: 'Premium' },
          properties: { publicNetworkAccess: "[parameters('access')]", policies: { exportPolicy: { status: 'disabled' } } },
        },
      ],
    },
    null,
    2,
  );

test('ARM: a required parameter without a value takes the configured one, and the finding names where it comes from', () => {
  const text = armTemplate({ name: { type: 'string' }, access: { type: 'string' } });
  const uri = 'file:///w/main.json';
  assert.match(analyse(uri, text, undefined).findings[0]!.message, /cannot be verified \(parameter 'access' has no value\)/);

  const yaml = defaults('    name: acrprod\n    access: Enabled\n');
  const [finding, ...rest] = analyse(uri, text, yaml).findings;
  assert.equal(rest.length, 0);
  assert.equal(finding!.unresolved, false);
  assert.equal(finding!.message, "Container registry 'acrprod' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access', set by AZURE_PARAMETER_DEFAULTS in ps-rule.yaml (must be 'Disabled').");
  const related = finding!.related.find((r) => r.location.uri === 'file:///w/ps-rule.yaml');
  assert.equal(yaml.slice(related!.location.span.start, related!.location.span.end), 'Enabled');
  assert.equal(text.slice(finding!.span.start, finding!.span.end), `"[parameters('access')]"`);

  assert.deepEqual(analyse(uri, text, defaults('    name: acrprod\n    access: Disabled\n')).findings, []);
});

test("ARM: the template's default, and a parameter file's value, win over the option; a nullable parameter takes it before null", () => {
  const yaml = defaults('    name: acrprod\n    access: Disabled\n');
  const withDefault = armTemplate({ name: { type: 'string' }, access: { type: 'string', defaultValue: 'Enabled' } });
  assert.match(analyse('file:///w/main.json', withDefault, yaml).findings[0]!.message, /is 'Enabled' from the default value of parameter 'access'/);

  const required = armTemplate({ name: { type: 'string' }, access: { type: 'string' } });
  const parameterFile = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { access: { value: 'Enabled' } } }, null, 2);
  const fromFile = analyse('file:///w/main.parameters.json', parameterFile, yaml, { 'file:///w/main.json': required });
  assert.equal(fromFile.findings.length, 1);
  assert.match(fromFile.findings[0]!.message, /is 'Enabled' from parameter 'access'/);
  assert.equal(fromFile.findings[0]!.uri, 'file:///w/main.parameters.json');

  const nullable = armTemplate({ name: { type: 'string' }, access: { type: 'string', nullable: true } });
  assert.deepEqual(analyse('file:///w/main.json', nullable, yaml).findings, []);
  assert.match(analyse('file:///w/main.json', nullable, defaults('    name: acrprod\n')).findings[0]!.message, /publicNetworkAccess is null/);
});

test('Bicep: string, literal union and bool parameters take the option; the fix writes the template, never ps-rule.yaml', () => {
  const text = [
    'param name string',
    "param access 'Enabled' | 'Disabled'",
    'param isPrivate bool',
    "resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {",
    '  name: name',
    "  location: 'westeurope'",
    "  sku: { name: 'Premium' }",
    '  properties: {',
    "    publicNetworkAccess: isPrivate ? 'Disabled' : access",
    "    policies: { exportPolicy: { status: 'disabled' } }",
    '  }',
    '}',
    '',
  ].join('\n');
  const uri = 'file:///w/main.bicep';
  // Quoted, so that a fix which wrote where the value is decided would have a literal to replace there.
  const yaml = defaults("    name: acrprod\n    access: 'Enabled'\n    isPrivate: false\n");
  const [finding] = analyse(uri, text, yaml).findings;
  assert.equal(finding!.message, "Container registry 'acrprod' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access', set by AZURE_PARAMETER_DEFAULTS in ps-rule.yaml (must be 'Disabled').");
  const fixes = finding!.fixes();
  assert.ok(fixes.length > 0);
  for (const fix of fixes) assert.ok(fix.edits.every((edit) => edit.uri === uri), fix.title);
  const fixed = applyEdits(text, fixes[0]!.edits);
  assert.deepEqual(analyse(uri, fixed, yaml).findings, [], 'the fixed text passes with the same options');

  assert.deepEqual(analyse(uri, text, defaults("    name: acrprod\n    access: 'Enabled'\n    isPrivate: 'TRUE'\n")).findings, []);
  // A value a literal union does not include is given as written: Bicep checks it when it builds, PSRule does not.
  assert.match(analyse(uri, text, defaults('    name: acrprod\n    access: Off\n    isPrivate: false\n')).findings[0]!.message, /is 'Off' from parameter 'access'/);
});

test('a suppression by name holds for a registry whose name the option gives', () => {
  const text = armTemplate({ name: { type: 'string' }, access: { type: 'string' } });
  const yaml = `${defaults('    name: acrprod\n    access: Enabled\n')}suppression:\n  Azure.ACR.ExportPolicy: [ acrprod ]\n`;
  const analysis = analyse('file:///w/main.json', text, yaml);
  assert.deepEqual(analysis.findings, []);
  assert.match(analysis.suppressed[0]!.suppression!.reason, /suppressed for 'acrprod' by \/w\/ps-rule\.yaml/);
  // Without the option the name is not known, so PSRule's suppression by name cannot be decided: the finding stays.
  assert.equal(analyse('file:///w/main.json', text, 'suppression:\n  Azure.ACR.ExportPolicy: [ acrprod ]\n').findings.length, 1);
});

test('Bicep: a parameter of a type declared in the file as a string takes the option too; an object type only a mapping', () => {
  const text = [
    "@description('How the registry is reached')",
    "type access = 'Enabled' | 'Disabled'",
    'type alsoAccess = access',
    'type settings = { publicNetworkAccess: string }',
    'param reach alsoAccess',
    'param other settings',
    "resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {",
    "  name: 'contoso'",
    "  sku: { name: 'Premium' }",
    '  properties: {',
    '    publicNetworkAccess: reach',
    "    policies: { exportPolicy: { status: other.?publicNetworkAccess == 'x' ? 'enabled' : 'disabled' } }",
    '  }',
    '}',
    '',
  ].join('\n');
  const [finding] = analyse('file:///w/main.bicep', text, defaults('    reach: Enabled\n    other: x\n')).findings;
  assert.equal(finding!.message, "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status cannot be verified (parameter 'other' has no value) and properties.publicNetworkAccess is 'Enabled' from parameter 'reach', set by AZURE_PARAMETER_DEFAULTS in ps-rule.yaml (must be 'Disabled').");
});

test('object and array parameters take a mapping or list of texts; an unquoted number or boolean in it leaves them without a value', () => {
  const arm = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    parameters: { props: { type: 'object' }, names: { type: 'array' } },
    resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: "[first(parameters('names'))]", sku: { name: 'Premium' }, properties: "[parameters('props')]" }],
  }, null, 2);
  const bicep = "param props {\n  publicNetworkAccess: string\n  policies: object\n}\nparam names string[]\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: first(names)\n  sku: { name: 'Premium' }\n  properties: props\n}\n";
  const yaml = defaults('    props:\n      publicNetworkAccess: Enabled\n      policies:\n        exportPolicy: { status: disabled }\n    names: [ acrdev, acrprod ]\n');
  for (const [uri, text] of [['file:///w/main.json', arm], ['file:///w/main.bicep', bicep]] as const) {
    const [finding, ...rest] = analyse(uri, text, yaml).findings;
    assert.equal(rest.length, 0, uri);
    assert.equal(finding!.message, "Container registry 'acrdev' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'props', set by AZURE_PARAMETER_DEFAULTS in ps-rule.yaml (must be 'Disabled').", uri);
    const related = finding!.related.find((r) => r.location.uri === 'file:///w/ps-rule.yaml');
    assert.equal(yaml.slice(related!.location.span.start, related!.location.span.end), 'Enabled');
    for (const fix of finding!.fixes()) {
      assert.ok(fix.edits.every((edit) => edit.uri === uri), fix.title);
      if (!fix.suppresses) assert.deepEqual(analyse(uri, applyEdits(text, fix.edits), yaml).findings, [], `${uri}: ${fix.title}`);
    }
    assert.deepEqual(analyse(uri, text, yaml.replace('Enabled', 'Disabled')).findings, [], uri);
    // `retentionDays: 7` is a number to one of PSRule's readers and a text to the other: the object is left without a value.
    const typed = analyse(uri, text, yaml.replace('publicNetworkAccess: Enabled', 'publicNetworkAccess: Disabled\n      retentionDays: 7')).findings;
    assert.match(typed[0]!.message, /cannot be verified \(parameter 'props' has no value\)/, uri);
  }
});

test('Bicep: a parameter of an imported type takes the option as its type allows (from a Bicep file or a compiled template)', () => {
  const others = {
    'file:///w/types.bicep': "@export()\ntype access = 'Enabled' | 'Disabled'\n",
    'file:///w/types.json': JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      definitions: { settings: { type: 'object', metadata: { '__bicep_export!': true } }, named: { $ref: '#/definitions/settings', metadata: { '__bicep_export!': true } } },
      resources: {},
    }),
  };
  const registry = (access: string) => `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: ${access}\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n`;
  const yaml = defaults('    reach: Enabled\n    props:\n      publicNetworkAccess: Enabled\n');
  const cases = [
    ["import { access } from 'types.bicep'\nparam reach access\n", 'reach'],
    ["import * as types from 'types.bicep'\nparam reach types.access\n", 'reach'],
    ["import { named } from 'types.json'\nparam props named\n", 'props.publicNetworkAccess'],
  ];
  for (const [head, access] of cases) {
    const [finding] = analyse('file:///w/main.bicep', `${head}${registry(access!)}`, yaml, others).findings;
    assert.match(finding!.message, /is 'Enabled' from parameter '(reach|props)', set by AZURE_PARAMETER_DEFAULTS in ps-rule\.yaml/, head);
  }
});
