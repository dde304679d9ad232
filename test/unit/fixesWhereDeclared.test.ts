/**
 * A registry of a module or linked template that fails by that file's own values, reported where it is deployed:
 * the fixes of the file that declares it are offered there too, as choices, when they clear the finding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { applyEdits, fixAll } from '../../server/src/core/analysis/queries';
import { MAX_FINDINGS_FIXED_WHERE_DECLARED } from '../../server/src/core/analysis/fixesWhereDeclared';
import type { TextEdit } from '../../server/src/core/types';

const W = 'file:///w/';
const REGISTRY = "param access string = 'Enabled'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'modreg'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: access\n  }\n}\n";
const SECURED = "param access string = 'Disabled'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'modreg'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: access\n    policies: {\n      exportPolicy: {\n        status: 'disabled'\n      }\n    }\n  }\n}\n";

const analyze = (uri: string, files: Record<string, string>) => analyzeDocument({ uri: W + uri, text: files[uri]! }, { readText: (other) => files[other.slice(W.length)], workspaceRoots: [W] });

/** The files with the edits applied, each to its own file. */
function applied(files: Record<string, string>, edits: readonly TextEdit[]): Record<string, string> {
  const result = { ...files };
  for (const name of Object.keys(files)) result[name] = applyEdits(files[name]!, edits.filter((edit) => edit.uri === W + name));
  return result;
}

const elsewhere = (uri: string, files: Record<string, string>) => {
  const [finding, ...rest] = analyze(uri, files).findings;
  assert.equal(rest.length, 0);
  return finding!.fixes().filter((fix) => fix.edits.some((edit) => edit.uri !== W + uri));
};

test("a module's registry that fails by the module's own values: its fixes are offered in the caller, as choices naming the file", () => {
  const files = { 'main.bicep': "module m './registry.bicep' = {\n  name: 'm'\n}\n", 'registry.bicep': REGISTRY };
  const fixes = elsewhere('main.bicep', files);
  assert.deepEqual(
    fixes.map((fix) => [fix.title, fix.isPreferred, fix.needsChoice]),
    [
      ["Disable export and public network access (at the default value of parameter 'access') in registry.bicep", false, true],
      ['Disable export and public network access in registry.bicep', false, true],
    ],
  );
  for (const fix of fixes) for (const edit of fix.edits) assert.equal(edit.uri, `${W}registry.bicep`);
  const fixed = applied(files, fixes[0]!.edits);
  assert.equal(fixed['registry.bicep'], SECURED);
  assert.deepEqual(analyze('main.bicep', fixed).findings, []);
  // A shared file is the user's to change: fix-all leaves it alone.
  assert.deepEqual(fixAll(analyze('main.bicep', files).findings), []);
});

test('no fix in the module when a value the caller passes decides: that value is fixed where it is passed', () => {
  const files = { 'main.bicep': "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    access: 'Enabled'\n  }\n}\n", 'registry.bicep': REGISTRY };
  const [finding] = analyze('main.bicep', files).findings;
  assert.deepEqual(
    finding!.fixes().map((fix) => fix.title),
    ["Disable export and public network access (at parameter 'access' as passed in main.bicep)", 'Suppress Azure.ACR.ExportPolicy for this line'],
  );
});

test('a module deployed twice: only a fix that clears every deployment of the registry, as the edit reaches them all', () => {
  const main = "module a './registry.bicep' = {\n  name: 'a'\n}\nmodule b './registry.bicep' = {\n  name: 'b'\n  params: {\n    access: 'Enabled'\n  }\n}\n";
  const files = { 'main.bicep': main, 'registry.bicep': REGISTRY };
  const findings = analyze('main.bicep', files).findings;
  assert.equal(findings.length, 2);
  const atPath = findings.find((finding) => main.slice(finding.span.start, finding.span.end) === "'./registry.bicep'")!;
  // Setting the default would leave the deployment that passes 'Enabled'.
  assert.deepEqual(
    atPath.fixes().filter((fix) => !fix.suppresses).map((fix) => fix.title),
    ['Disable export and public network access in registry.bicep'],
  );
});

test('a registry two modules down: fixed in the file that declares it, and the top file then passes', () => {
  const files = {
    'main.bicep': "module mid './mid.bicep' = {\n  name: 'mid'\n}\n",
    'mid.bicep': "module leaf './leaf.bicep' = {\n  name: 'leaf'\n}\n",
    'leaf.bicep': REGISTRY,
  };
  const [first] = elsewhere('main.bicep', files);
  assert.equal(first!.title, "Disable export and public network access (at the default value of parameter 'access') in leaf.bicep");
  assert.deepEqual(analyze('main.bicep', applied(files, first!.edits)).findings, []);
});

test('no fix in the file two modules down when the module between passes the value that decides', () => {
  const files = {
    'main.bicep': "module mid './mid.bicep' = {\n  name: 'mid'\n}\n",
    'mid.bicep': "module leaf './leaf.bicep' = {\n  name: 'leaf'\n  params: {\n    access: 'Enabled'\n  }\n}\n",
    'leaf.bicep': REGISTRY,
  };
  // The leaf's own fixes would write 'Disabled' over what mid.bicep passes.
  assert.deepEqual(elsewhere('main.bicep', files).filter((fix) => fix.edits.every((edit) => edit.uri === `${W}leaf.bicep`)), []);
});

test('a linked ARM template that fails by its own defaults: its fixes are offered on the deployment, in JSON', () => {
  const linked = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { access: { type: 'string', defaultValue: 'Enabled' } },
    resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'linkedreg', sku: { name: 'Premium' }, properties: { publicNetworkAccess: "[parameters('access')]" } }],
  }, null, 2);
  const outer = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'inner', properties: { mode: 'Incremental', templateLink: { relativePath: 'registry.json' } } }],
  }, null, 2);
  const files = { 'outer.json': outer, 'registry.json': linked };
  const fixes = elsewhere('outer.json', files);
  assert.deepEqual(fixes.map((fix) => fix.title), [
    "Disable export and public network access (at the default value of parameter 'access') in registry.json",
    'Disable export and public network access in registry.json',
  ]);
  const fixed = applied(files, fixes[0]!.edits);
  assert.match(fixed['registry.json']!, /"defaultValue": "Disabled"/);
  assert.match(fixed['registry.json']!, /"exportPolicy": \{\n\s+"status": "disabled"\n\s+\}/);
  assert.deepEqual(analyze('outer.json', fixed).findings, []);
});

test("the module's suppression is not offered in the caller: written there, it holds for every deployment", () => {
  const main = "module m './registry.bicep' = {\n  name: 'm'\n}\n";
  const fixes = elsewhere('main.bicep', { 'main.bicep': main, 'registry.bicep': REGISTRY });
  assert.ok(fixes.length > 0 && fixes.every((fix) => !fix.suppresses && !/^Suppress/.test(fix.title)));
  // Written, it suppresses the finding in the caller too, so no fix is needed there.
  const suppressed = REGISTRY.replace('resource acr', '#disable-next-line Azure.ACR.ExportPolicy\nresource acr');
  assert.deepEqual(analyze('main.bicep', { 'main.bicep': main, 'registry.bicep': suppressed }).findings, []);
});

test('no fix in a template linked two links down when the template between passes the value that decides', () => {
  const template = (resources: unknown[], parameters = {}) => JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', parameters, resources }, null, 2);
  const link = (path: string, parameters?: object) => ({ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: path, properties: { mode: 'Incremental', templateLink: { relativePath: path }, ...(parameters ? { parameters } : {}) } });
  const files = {
    'outer.json': template([link('between.json')]),
    'between.json': template([link('registry.json', { access: { value: 'Enabled' } })]),
    'registry.json': template([{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'linkedreg', sku: { name: 'Premium' }, properties: { publicNetworkAccess: "[parameters('access')]" } }], { access: { type: 'string', defaultValue: 'Enabled' } }),
  };
  const [finding, ...rest] = analyze('outer.json', files).findings;
  assert.equal(rest.length, 0);
  assert.match(finding!.message, /from parameter 'access' \(line \d+ in between\.json\)/);
  assert.deepEqual(finding!.fixes().filter((fix) => fix.edits.every((edit) => edit.uri === `${W}registry.json`)), []);
});

test('past a few such findings in one file none gets these fixes: each is checked by analysing the whole file again', () => {
  const module = (count: number) => `param access string = 'Enabled'\n${Array.from({ length: count }, (_, i) => `resource r${i} 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'r${i}'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: access\n  }\n}\n`).join('')}`;
  const inModule = (count: number) => {
    const findings = analyze('main.bicep', { 'main.bicep': "module m './registry.bicep' = {\n  name: 'm'\n}\n", 'registry.bicep': module(count) }).findings;
    assert.equal(findings.length, count);
    return findings.map((finding) => finding.fixes().filter((fix) => fix.edits.some((edit) => edit.uri === `${W}registry.bicep`)).length);
  };
  assert.deepEqual(inModule(MAX_FINDINGS_FIXED_WHERE_DECLARED), Array.from({ length: MAX_FINDINGS_FIXED_WHERE_DECLARED }, () => 2));
  assert.deepEqual(inModule(MAX_FINDINGS_FIXED_WHERE_DECLARED + 1), Array.from({ length: MAX_FINDINGS_FIXED_WHERE_DECLARED + 1 }, () => 0));
});
