/** A module's registry failing by the module's own parameter defaults: the caller's fix passes the values it needs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { applyEdits, fixAll } from '../../server/src/core/analysis/queries';

const moduleWith = (sku: string, status: string) => `param access string = 'Enabled'\nparam status string = 'enabled'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'modreg'\n  sku: { name: '${sku}' }\n  properties: {\n    publicNetworkAccess: access\n${status}  }\n}\n`;
const STATUS = '    policies: { exportPolicy: { status: status } }\n';

/** The fixes in the caller itself (those in the module's file are tested in fixesWhereDeclared.test.ts). */
function callerFixes(caller: string, module: string) {
  const files: Record<string, string> = { 'registry.bicep': module };
  const [finding, ...rest] = analyzeDocument({ uri: 'file:///w/main.bicep', text: caller }, { readText: (uri) => files[uri.slice('file:///w/'.length)] }).findings;
  assert.equal(rest.length, 0);
  return finding!.fixes().filter((fix) => !fix.suppresses && fix.edits.every((edit) => edit.uri === 'file:///w/main.bicep'));
}

test('the values a module needs are passed in its params, which are created when there are none; preferred on Premium', () => {
  const caller = "module m './registry.bicep' = {\n  name: 'm'\n}\n";
  const [fix, ...others] = callerFixes(caller, moduleWith('Premium', STATUS));
  assert.equal(others.length, 0);
  assert.equal(fix!.title, "Pass status: 'disabled' and access: 'Disabled' to the module");
  assert.equal(fix!.isPreferred, true);
  assert.equal(applyEdits(caller, fix!.edits), "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    status: 'disabled'\n    access: 'Disabled'\n  }\n}\n");
});

test('on a registry that is not Premium the fix is offered as a choice, as in the module itself: fix-all leaves it', () => {
  const caller = "module m './registry.bicep' = {\n  name: 'm'\n}\n";
  const [fix, ...others] = callerFixes(caller, moduleWith('Basic', STATUS));
  assert.deepEqual([fix?.isPreferred, fix?.needsChoice, others.length], [false, true, 0]);
  const files: Record<string, string> = { 'registry.bicep': moduleWith('Basic', STATUS) };
  assert.deepEqual(fixAll(analyzeDocument({ uri: 'file:///w/main.bicep', text: caller }, { readText: (uri) => files[uri.slice('file:///w/'.length)] }).findings), []);
});

test("when a default of the module decides the SKU too, a second choice passes 'Premium' to it as well", () => {
  const module = moduleWith('Basic', STATUS).replace("name: 'Basic'", 'name: skuName').replace("param access string = 'Enabled'", "param skuName string = 'Basic'\nparam access string = 'Enabled'");
  const caller = "module m './registry.bicep' = {\n  name: 'm'\n}\n";
  const fixes = callerFixes(caller, module);
  assert.deepEqual(fixes.map((fix) => [fix.title, fix.isPreferred, fix.needsChoice]), [
    ["Pass status: 'disabled' and access: 'Disabled' to the module", false, true],
    ["Pass status: 'disabled', access: 'Disabled' and skuName: 'Premium' to the module", false, true],
  ]);
  const fixed = applyEdits(caller, fixes[1]!.edits);
  assert.equal(fixed, "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    status: 'disabled'\n    access: 'Disabled'\n    skuName: 'Premium'\n  }\n}\n");
  const files: Record<string, string> = { 'registry.bicep': module };
  const after = analyzeDocument({ uri: 'file:///w/main.bicep', text: fixed }, { readText: (uri) => files[uri.slice('file:///w/'.length)] });
  assert.deepEqual(after.findings, []);
});

test('no such fix when a failing property is not a default the caller can pass, or the params are not written out', () => {
  // The export policy is missing: no parameter decides it.
  assert.deepEqual(callerFixes("module m './registry.bicep' = {\n  name: 'm'\n}\n", moduleWith('Premium', '')), []);
  // `params: shared` is not valid Bicep (params must be an object literal): not wrapped in a union().
  assert.deepEqual(callerFixes("var shared = { location: 'x' }\nmodule m './registry.bicep' = {\n  name: 'm'\n  params: shared\n}\n", moduleWith('Premium', STATUS)), []);
});

const flagModule = (status: string) => `param isPrivate bool = false\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'modreg'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: isPrivate ? 'Disabled' : 'Enabled'\n    policies: { exportPolicy: { status: '${status}' } }\n  }\n}\n`;

test("a flag default of the module the caller leaves out: passing it the other way is offered as a choice, and clears the finding", () => {
  const caller = "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    location: 'x'\n  }\n}\n";
  const [fix, ...others] = callerFixes(caller, flagModule('disabled'));
  assert.equal(others.length, 0);
  assert.deepEqual([fix!.title, fix!.isPreferred, fix!.needsChoice], ['Pass isPrivate: true to the module', false, true]);
  const fixed = applyEdits(caller, fix!.edits);
  assert.equal(fixed, "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    location: 'x'\n    isPrivate: true\n  }\n}\n");
  const files: Record<string, string> = { 'registry.bicep': flagModule('disabled') };
  assert.deepEqual(analyzeDocument({ uri: 'file:///w/main.bicep', text: fixed }, { readText: (uri) => files[uri.slice('file:///w/'.length)] }).findings, []);
});

test('no flag to pass when the module fails by itself too: the flag alone would leave a finding', () => {
  assert.deepEqual(callerFixes("module m './registry.bicep' = {\n  name: 'm'\n}\n", flagModule('enabled')), []);
});
