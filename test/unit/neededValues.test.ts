/**
 * A module's (or linked template's) registry that fails by what the module makes of its string parameters, not by a
 * default alone (AVM's container registry: a SKU passed that gates the export policy, a nullable access parameter
 * left out that a variable turns into null): the caller's fix passes the values a search finds, checked to pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { applyEdits, fixAll } from '../../server/src/core/analysis/queries';
import { parseBicep } from '../../server/src/core/bicep/parser';
import { bicepStringParameters, armStringParameters } from '../../server/src/core/analysis/stringParameters';
import { parseArmDocument } from '../../server/src/core/arm/armDocument';
import { parseLazyJson } from '../../server/src/core/syntax/lazyJson';
import { bicepParamWriter, jsonParameterFileWriter } from '../../server/src/core/analysis/parameterFileWriters';

/** The shape of AVM's `avm/res/container-registry/registry` where it decides the two properties. */
const avmLike = (accessType = 'string?', accessAllowed = "@allowed([\n  'Enabled'\n  'Disabled'\n])\n") => `@allowed([
  'Basic'
  'Premium'
  'Standard'
])
param acrSku string = 'Premium'

@allowed([
  'disabled'
  'enabled'
])
param exportPolicyStatus string = 'disabled'

${accessAllowed}param publicNetworkAccess ${accessType}

param privateEndpoints array = []

var publicNetworkAccessMode = !empty(publicNetworkAccess) ? any(publicNetworkAccess) : (!empty(privateEndpoints) ? 'Disabled' : null)

resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'modreg'
  sku: { name: acrSku }
  properties: {
    publicNetworkAccess: publicNetworkAccessMode
    policies: {
      exportPolicy: acrSku == 'Premium' ? { status: exportPolicyStatus } : null
    }
  }
}
`;

const W = 'file:///w/';
const analyze = (text: string, files: Record<string, string>, name = 'main.bicep') =>
  analyzeDocument({ uri: W + name, text }, { readText: (uri) => (uri === W + name ? text : files[uri.slice(W.length)]), workspaceRoots: [W] });

/** The caller's own fixes (not those in the module's file, not suppressions), as [title, preferred, choice]. */
function callerFixes(caller: string, module: string) {
  const [finding, ...rest] = analyze(caller, { 'registry.bicep': module }).findings;
  assert.equal(rest.length, 0);
  return finding!.fixes().filter((fix) => !fix.suppresses && fix.edits.every((edit) => edit.uri === `${W}main.bicep`));
}

const CALLER = "module acr './registry.bicep' = {\n  name: 'acr'\n  params: {\n    location: 'westeurope'\n  }\n}\n";

test('a nullable parameter left out that a variable turns into null: passing it is a choice, and the fixed caller analyses clean', () => {
  const module = avmLike();
  const fixes = callerFixes(CALLER, module);
  assert.deepEqual(fixes.map((fix) => [fix.title, fix.isPreferred, fix.needsChoice]), [["Pass publicNetworkAccess: 'Disabled' to the module", false, true]]);
  const fixed = applyEdits(CALLER, fixes[0]!.edits);
  assert.equal(fixed, "module acr './registry.bicep' = {\n  name: 'acr'\n  params: {\n    location: 'westeurope'\n    publicNetworkAccess: 'Disabled'\n  }\n}\n");
  assert.deepEqual(analyze(fixed, { 'registry.bicep': module }).findings, []);
  // A parameter may decide more than the registry: fix-all leaves it to the user.
  assert.deepEqual(fixAll(analyze(CALLER, { 'registry.bicep': module }).findings), []);
});

test("a SKU passed that gates the export policy: reported on it, and the choice passes 'Premium' there with the access", () => {
  const caller = CALLER.replace("location: 'westeurope'", "location: 'westeurope'\n    acrSku: 'Standard'");
  const module = avmLike();
  const [finding, ...rest] = analyze(caller, { 'registry.bicep': module }).findings;
  assert.equal(rest.length, 0);
  assert.equal(caller.slice(finding!.span.start, finding!.span.end), "'Standard'");
  const fixes = finding!.fixes().filter((fix) => !fix.suppresses);
  // Without the SKU no set passes: the export policy exists only on Premium.
  assert.deepEqual(fixes.map((fix) => [fix.title, fix.isPreferred, fix.needsChoice]), [["Pass publicNetworkAccess: 'Disabled' and acrSku: 'Premium' to the module", false, true]]);
  const fixed = applyEdits(caller, fixes[0]!.edits);
  assert.equal(fixed, "module acr './registry.bicep' = {\n  name: 'acr'\n  params: {\n    location: 'westeurope'\n    acrSku: 'Premium'\n    publicNetworkAccess: 'Disabled'\n  }\n}\n");
  assert.deepEqual(analyze(fixed, { 'registry.bicep': module }).findings, []);
});

test("a type written as a union of literals is read as the values it allows; allowed values that lack the one needed, or another type, give no fix", () => {
  const union = avmLike("('Enabled' | 'Disabled')?", '');
  assert.deepEqual(callerFixes(CALLER, union).map((fix) => fix.title), ["Pass publicNetworkAccess: 'Disabled' to the module"]);
  assert.deepEqual(callerFixes(CALLER, avmLike('string?', "@allowed([\n  'Enabled'\n])\n")), []);
  // Bicep compares allowed values case-sensitively: 'disabled' is not 'Disabled'.
  assert.deepEqual(callerFixes(CALLER, avmLike('string?', "@allowed([\n  'Enabled'\n  'disabled'\n])\n")), []);
  assert.deepEqual(callerFixes(CALLER, avmLike('object?', '')), []);
});

test('every set found is checked: no fix when the values passed do not make the registry pass', () => {
  // The access depends on the parameter, but what is passed is not what the registry gets.
  const module = avmLike().replace('publicNetworkAccess: publicNetworkAccessMode', "publicNetworkAccess: '${publicNetworkAccessMode}d'");
  assert.deepEqual(callerFixes(CALLER, module), []);
});

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const LINKED = JSON.stringify({
  $schema: SCHEMA,
  contentVersion: '1.0.0.0',
  parameters: {
    acrSku: { type: 'string', defaultValue: 'Premium', allowedValues: ['Basic', 'Premium', 'Standard'] },
    publicNetworkAccess: { type: 'string', defaultValue: '', allowedValues: ['', 'Enabled', 'Disabled'] },
  },
  resources: [{
    type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'linkedreg', sku: { name: "[parameters('acrSku')]" },
    properties: {
      publicNetworkAccess: "[if(empty(parameters('publicNetworkAccess')), null(), parameters('publicNetworkAccess'))]",
      policies: { exportPolicy: "[if(equals(parameters('acrSku'), 'Premium'), createObject('status', 'disabled'), null())]" },
    },
  }],
}, null, 2);
const linkingTemplate = (parameters: Record<string, unknown>) => JSON.stringify({
  $schema: SCHEMA,
  contentVersion: '1.0.0.0',
  resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'acr', properties: { mode: 'Incremental', templateLink: { relativePath: 'nested/acr.json' }, parameters } }],
}, null, 2);

test('the same for an ARM template linked with templateLink: the values go in the deployment\'s parameters', () => {
  for (const [parameters, title] of [
    [{}, "Pass publicNetworkAccess: 'Disabled' to the linked template"],
    [{ acrSku: { value: 'Basic' } }, "Pass publicNetworkAccess: 'Disabled' and acrSku: 'Premium' to the linked template"],
  ] as const) {
    const text = linkingTemplate(parameters);
    const [finding, ...rest] = analyze(text, { 'nested/acr.json': LINKED }, 'main.json').findings;
    assert.equal(rest.length, 0);
    const fixes = finding!.fixes().filter((fix) => !fix.suppresses && fix.edits.every((edit) => edit.uri === `${W}main.json`));
    assert.deepEqual(fixes.map((fix) => [fix.title, fix.isPreferred, fix.needsChoice]), [[title, false, true]]);
    const fixed = applyEdits(text, fixes[0]!.edits);
    assert.deepEqual(JSON.parse(fixed).resources[0].properties.parameters, { ...parameters, ...(parameters.acrSku ? { acrSku: { value: 'Premium' } } : {}), publicNetworkAccess: { value: 'Disabled' } });
    assert.deepEqual(analyze(fixed, { 'nested/acr.json': LINKED }, 'main.json').findings, []);
  }
});

test('the string parameters a caller may pass, and the values each accepts', () => {
  const bicep = bicepStringParameters(parseBicep("@allowed(['a', 'b'])\nparam listed string\nparam free string?\nparam union ('x' | 'y')\nparam flag bool\n@allowed([concat('a')])\nparam computed string\nparam interpolated 'a${'b'}'\n"));
  assert.deepEqual(bicep.names, ['listed', 'free', 'union']);
  assert.deepEqual([bicep.accepts('listed', 'a'), bicep.accepts('listed', 'A'), bicep.accepts('free', 'anything'), bicep.accepts('union', 'y'), bicep.accepts('union', 'z'), bicep.accepts('flag', 'a'), bicep.accepts('computed', 'a')], [true, false, true, true, false, false, false]);
  const arm = armStringParameters(parseArmDocument('file:///w/t.json', JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: { Listed: { type: 'String', allowedValues: ['a'] }, free: { type: 'string' }, expr: { type: 'string', allowedValues: "[variables('v')]" }, secret: { type: 'securestring' }, count: { type: 'int' } } })));
  assert.deepEqual(arm.names, ['Listed', 'free']);
  // ARM names parameters in any case.
  assert.deepEqual([arm.accepts('listed', 'a'), arm.accepts('Listed', 'b'), arm.accepts('FREE', 'x'), arm.accepts('expr', 'a')], [true, false, true, false]);
});

test('a module with more than eight registries that fail or wait for its parameters gets no search (each would analyse it again)', () => {
  const module = (n: number) => Array.from({ length: n }, (_, i) => `param access${i} string?\nresource r${i} 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'r${i}'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: access${i}\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n`).join('');
  const passing = (n: number) => {
    const findings = analyze(CALLER, { 'registry.bicep': module(n) }).findings;
    assert.equal(findings.length, n);
    return findings.map((finding) => finding.fixes().filter((fix) => fix.title.startsWith('Pass ')).map((fix) => fix.title));
  };
  assert.deepEqual(passing(8), Array.from({ length: 8 }, (_, i) => [`Pass access${i}: 'Disabled' to the module`]));
  assert.deepEqual(passing(9), Array.from({ length: 9 }, () => []));
});

test('the same limit for a linked template: its findings reported at one link are counted', () => {
  const linked = (n: number) => JSON.stringify({
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: Object.fromEntries(Array.from({ length: n }, (_, i) => [`access${i}`, { type: 'string', defaultValue: '' }])),
    resources: Array.from({ length: n }, (_, i) => ({ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: `r${i}`, sku: { name: 'Premium' }, properties: { publicNetworkAccess: `[if(empty(parameters('access${i}')), null(), parameters('access${i}'))]`, policies: { exportPolicy: { status: 'disabled' } } } })),
  });
  const passing = (n: number) => {
    const findings = analyze(linkingTemplate({}), { 'nested/acr.json': linked(n) }, 'main.json').findings;
    assert.equal(findings.length, n);
    return findings.map((finding) => finding.fixes().filter((fix) => fix.title.startsWith('Pass ')).map((fix) => fix.title));
  };
  assert.deepEqual(passing(8), Array.from({ length: 8 }, (_, i) => [`Pass access${i}: 'Disabled' to the linked template`]));
  assert.deepEqual(passing(9), Array.from({ length: 9 }, () => []));
});

/** A parameter file's findings, with the fixes in that file other than suppressions. */
function parameterFileFixes(name: string, text: string, files: Record<string, string>) {
  const [finding, ...rest] = analyze(text, files, name).findings;
  assert.equal(rest.length, 0);
  return { finding: finding!, fixes: finding!.fixes().filter((fix) => !fix.suppresses && fix.edits.every((edit) => edit.uri === W + name)) };
}

test("a .bicepparam file that sets a SKU which gates the export policy: the values set there, and those it does not set added", () => {
  const text = "using './registry.bicep'\n\nparam acrSku = 'Standard'\n";
  const { finding, fixes } = parameterFileFixes('main.bicepparam', text, { 'registry.bicep': avmLike() });
  assert.equal(text.slice(finding.span.start, finding.span.end), "'Standard'");
  assert.deepEqual(fixes.map((fix) => [fix.title, fix.isPreferred, fix.needsChoice]), [["Set parameters 'publicNetworkAccess' to 'Disabled' and 'acrSku' to 'Premium'", false, true]]);
  const fixed = applyEdits(text, fixes[0]!.edits);
  assert.equal(fixed, "using './registry.bicep'\n\nparam acrSku = 'Premium'\nparam publicNetworkAccess = 'Disabled'\n");
  assert.deepEqual(analyze(fixed, { 'registry.bicep': avmLike() }, 'main.bicepparam').findings, []);
  // A value the file computes is not replaced by a literal.
  assert.deepEqual(parameterFileFixes('main.bicepparam', "using './registry.bicep'\n\nparam acrSku = toUpper('Standard')\n", { 'registry.bicep': avmLike() }).fixes, []);
});

test('a JSON parameter file, for an ARM template and for a Bicep one: its entry set, a missing one added, a Key Vault reference left alone', () => {
  // metadata.template names the template, as the parameter file's own name would (main.parameters.json for main.json).
  const parameterFile = (parameters: Record<string, unknown>, template: string) =>
    JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', metadata: { template: `./${template}` }, parameters }, null, 2);
  for (const [template, files] of [['nested/acr.json', { 'nested/acr.json': LINKED }], ['registry.bicep', { 'registry.bicep': avmLike() }]] as const) {
    const text = parameterFile({ acrSku: { value: 'Basic' } }, template);
    const { fixes } = parameterFileFixes('prod.parameters.json', text, files);
    assert.deepEqual(fixes.map((fix) => [fix.title, fix.needsChoice]), [["Set parameters 'publicNetworkAccess' to 'Disabled' and 'acrSku' to 'Premium'", true]], template);
    const fixed = applyEdits(text, fixes[0]!.edits);
    assert.deepEqual(JSON.parse(fixed).parameters, { acrSku: { value: 'Premium' }, publicNetworkAccess: { value: 'Disabled' } });
    assert.deepEqual(analyze(fixed, files, 'prod.parameters.json').findings, [], template);
  }
});

test('the parameter file writers: a value written as a string replaced (under the name as written), others added, anything else left alone', () => {
  const json = '{\n  "parameters": {\n    "AcrSku": { "value": "Basic" },\n    "secret": { "reference": { "secretName": "s" } }\n  }\n}\n';
  const root = parseLazyJson(json);
  const write = jsonParameterFileWriter(`${W}p.json`, json, root);
  assert.deepEqual(JSON.parse(applyEdits(json, write(new Map([['acrSku', 'Premium'], ['access', 'Disabled']]))!)).parameters, { AcrSku: { value: 'Premium' }, secret: { reference: { secretName: 's' } }, access: { value: 'Disabled' } });
  assert.equal(write(new Map([['secret', 'x']])), undefined);
  const bicepparam = "using './main.bicep'\r\nparam acrSku = 'Basic'\r\nparam computed = toUpper('a')\r\n";
  const writeParam = bicepParamWriter(`${W}m.bicepparam`, bicepparam, parseBicep(bicepparam));
  assert.equal(applyEdits(bicepparam, writeParam(new Map([['acrSku', 'Premium'], ['access', 'Disabled']]))!), "using './main.bicep'\r\nparam acrSku = 'Premium'\r\nparam computed = toUpper('a')\r\nparam access = 'Disabled'\r\n");
  assert.equal(writeParam(new Map([['computed', 'x']])), undefined);
  const onlyUsing = "using './main.bicep'\n";
  assert.equal(applyEdits(onlyUsing, bicepParamWriter(`${W}m.bicepparam`, onlyUsing, parseBicep(onlyUsing))(new Map([['access', "it's"]]))!), "using './main.bicep'\nparam access = 'it\\'s'\n");
});

test('a value the caller passes other than as a string (a parameter of its own, an expression) is not replaced by a literal', () => {
  const caller = "param sku string = 'Standard'\n" + CALLER.replace("location: 'westeurope'", "location: 'westeurope'\n    acrSku: sku");
  const findings = analyze(caller, { 'registry.bicep': avmLike() }).findings;
  assert.ok(findings.length > 0);
  const replacing = findings.flatMap((finding) => finding.fixes()).filter((fix) => fix.edits.some((edit) => caller.slice(edit.span.start, edit.span.end) === 'sku'));
  assert.deepEqual(replacing.map((fix) => fix.title), []);
  // The same for a linked template: an expression the deployment passes stays.
  const text = linkingTemplate({ acrSku: { value: "[concat('Stan', 'dard')]" } });
  const linkedFindings = analyze(text, { 'nested/acr.json': LINKED }, 'main.json').findings;
  assert.ok(linkedFindings.length > 0);
  assert.deepEqual(linkedFindings.flatMap((finding) => finding.fixes()).filter((fix) => fix.edits.some((edit) => text.slice(edit.span.start, edit.span.end).includes('concat'))).map((fix) => fix.title), []);
});

test("a value passed as the caller's own parameter is set at that parameter's default when that is its only use", () => {
  const caller = "param skuName string = 'Standard'\n" + CALLER.replace("location: 'westeurope'", "location: 'westeurope'\n    acrSku: skuName");
  const fixes = callerFixes(caller, avmLike());
  assert.deepEqual(fixes.map((fix) => [fix.title, fix.isPreferred, fix.needsChoice]), [["Pass publicNetworkAccess: 'Disabled' and acrSku: 'Premium' to the module (at the default value of parameter 'skuName')", false, true]]);
  const fixed = applyEdits(caller, fixes[0]!.edits);
  assert.equal(fixed, "param skuName string = 'Premium'\n" + CALLER.replace("location: 'westeurope'", "location: 'westeurope'\n    acrSku: skuName\n    publicNetworkAccess: 'Disabled'"));
  assert.deepEqual(analyze(fixed, { 'registry.bicep': avmLike() }).findings, []);
  // Used elsewhere too, its default is not the module's alone: no such fix.
  const shared = caller.replace("name: 'acr'", "name: 'acr-${skuName}'");
  assert.deepEqual(callerFixes(shared, avmLike()), []);
});

test("the same for a linked template: a value passed as [parameters('x')] is set at that parameter's default when that is its only use", () => {
  const linking = (outputs: Record<string, unknown>) => {
    const template = JSON.parse(linkingTemplate({ acrSku: { value: "[parameters('skuName')]" } }));
    return JSON.stringify({ ...template, parameters: { skuName: { type: 'string', defaultValue: 'Basic' } }, outputs }, null, 2);
  };
  const text = linking({});
  const [finding, ...rest] = analyze(text, { 'nested/acr.json': LINKED }, 'main.json').findings;
  assert.equal(rest.length, 0);
  const fixes = finding!.fixes().filter((fix) => !fix.suppresses && fix.edits.every((edit) => edit.uri === `${W}main.json`));
  assert.deepEqual(fixes.map((fix) => [fix.title, fix.needsChoice]), [["Pass publicNetworkAccess: 'Disabled' and acrSku: 'Premium' to the linked template (at the default value of parameter 'skuName')", true]]);
  const fixed = JSON.parse(applyEdits(text, fixes[0]!.edits));
  assert.deepEqual([fixed.parameters, fixed.resources[0].properties.parameters], [{ skuName: { type: 'string', defaultValue: 'Premium' } }, { acrSku: { value: "[parameters('skuName')]" }, publicNetworkAccess: { value: 'Disabled' } }]);
  assert.deepEqual(analyze(applyEdits(text, fixes[0]!.edits), { 'nested/acr.json': LINKED }, 'main.json').findings, []);
  // Used again (an output), the default is not the linked template's alone: no such fix.
  const shared = linking({ sku: { type: 'string', value: "[parameters('skuName')]" } });
  assert.deepEqual(analyze(shared, { 'nested/acr.json': LINKED }, 'main.json').findings.flatMap((f) => f.fixes()).filter((fix) => fix.title.startsWith('Pass ')).map((fix) => fix.title), []);
});
