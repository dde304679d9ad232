/**
 * A registry of another file reported here (on a module's path, a value passed, a link, a parameter file's value):
 * *Suppress ... for this line* writes the file's own directive above the finding's line, and it then suppresses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { applyEdits } from '../../server/src/core/analysis/queries';

const W = 'file:///w/';
const BICEP_REGISTRY = "param access string = 'Enabled'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'other'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n";
const ARM_REGISTRY = JSON.stringify({
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: { access: { type: 'string', defaultValue: 'Enabled' } },
  resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'other', sku: { name: 'Premium' }, properties: { publicNetworkAccess: "[parameters('access')]", policies: { exportPolicy: { status: 'disabled' } } } }],
}, null, 2);
const PARAMETERS = `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "contentVersion": "1.0.0.0",\n  "parameters": {\n    "access": { "value": "Enabled" }\n  }\n}\n`;
const LINKING = JSON.stringify({
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'linked', properties: { mode: 'Incremental', templateLink: { relativePath: 'registry.json' } } }],
}, null, 2);

const analyze = (uri: string, files: Record<string, string>) => analyzeDocument({ uri: W + uri, text: files[uri]! }, { readText: (other) => files[other.slice(W.length)], workspaceRoots: [W] });

/** Applies the finding's "for this line" fix; returns the edited text and what the edited file then reports. */
function suppressed(uri: string, files: Record<string, string>) {
  const [finding, ...rest] = analyze(uri, files).findings;
  assert.equal(rest.length, 0);
  const fix = finding!.fixes().find((f) => f.title === 'Suppress Azure.ACR.ExportPolicy for this line');
  assert.ok(fix?.suppresses, finding!.fixes().map((f) => f.title).join(', '));
  const text = applyEdits(files[uri]!, fix.edits);
  const after = analyze(uri, { ...files, [uri]: text });
  return { text, reported: after.findings.length, reasons: after.suppressed.map((f) => f.suppression?.reason) };
}

test('a Bicep caller: the pragma goes above the module path, or above the value passed, indented like it', () => {
  const atPath = suppressed('main.bicep', { 'main.bicep': "module m './registry.bicep' = {\n  name: 'm'\n}\n", 'registry.bicep': BICEP_REGISTRY });
  assert.deepEqual(atPath, { text: "#disable-next-line Azure.ACR.ExportPolicy\nmodule m './registry.bicep' = {\n  name: 'm'\n}\n", reported: 0, reasons: ['suppressed by #disable-next-line on line 1'] });
  const passed = suppressed('main.bicep', { 'main.bicep': "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    access: 'Enabled'\n  }\n}\n", 'registry.bicep': BICEP_REGISTRY });
  assert.equal(passed.text, "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    #disable-next-line Azure.ACR.ExportPolicy\n    access: 'Enabled'\n  }\n}\n");
  assert.deepEqual([passed.reported, passed.reasons], [0, ['suppressed by #disable-next-line on line 4']]);
});

test('a .bicepparam file: the pragma above the value that decides it suppresses there (pragmas were not read in .bicepparam files)', () => {
  const result = suppressed('main.bicepparam', { 'main.bicepparam': "using 'registry.bicep'\n\nparam access = 'Enabled'\n", 'registry.bicep': BICEP_REGISTRY });
  assert.deepEqual(result, { text: "using 'registry.bicep'\n\n#disable-next-line Azure.ACR.ExportPolicy\nparam access = 'Enabled'\n", reported: 0, reasons: ['suppressed by #disable-next-line on line 3'] });
  const disabled = analyze('main.bicepparam', { 'main.bicepparam': "using 'registry.bicep'\n#disable-diagnostics Azure.ACR.ExportPolicy\nparam access = 'Enabled'\n", 'registry.bicep': BICEP_REGISTRY });
  assert.deepEqual([disabled.findings.length, disabled.suppressed.map((f) => f.suppression?.reason)], [0, ['suppressed by #disable-diagnostics on line 2']]);
});

test('JSON parameter files, of an ARM or a Bicep template, and a template that links another: a comment above the line', () => {
  const templates: Record<string, string>[] = [{ 'registry.json': ARM_REGISTRY }, { 'registry.bicep': BICEP_REGISTRY }];
  for (const template of templates) {
    const files = { 'registry.parameters.json': PARAMETERS, ...template };
    const result = suppressed('registry.parameters.json', files);
    assert.equal(result.text, PARAMETERS.replace('    "access"', '    // acr-guard-disable-next-line Azure.ACR.ExportPolicy\n    "access"'));
    assert.deepEqual([result.reported, result.reasons], [0, ['suppressed by an inline comment on line 5']]);
  }
  const linking = suppressed('main.json', { 'main.json': LINKING, 'registry.json': ARM_REGISTRY });
  assert.match(linking.text, /\n {10}\/\/ acr-guard-disable-next-line Azure\.ACR\.ExportPolicy\n {10}"relativePath": "registry\.json"/);
  assert.equal(linking.reported, 0);
});

test("a directive for another rule, or on another line, does not suppress the finding", () => {
  const caller = "#disable-next-line Azure.ACR.AdminUser\nmodule m './registry.bicep' = {\n  name: 'm'\n}\n";
  assert.equal(analyze('main.bicep', { 'main.bicep': caller, 'registry.bicep': BICEP_REGISTRY }).findings.length, 1);
  const params = "#disable-next-line Azure.ACR.ExportPolicy\nusing 'registry.bicep'\n\nparam access = 'Enabled'\n";
  assert.equal(analyze('main.bicepparam', { 'main.bicepparam': params, 'registry.bicep': BICEP_REGISTRY }).findings.length, 1);
});
