/**
 * A suppression written on a registry in its own file ("for this resource") holds wherever the registry is reported:
 * in a parameter file that gives it values, in a Bicep file that deploys it as a module, in a template that links it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const PARAMETERS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';

const BICEP_REGISTRY = "param access string = 'Disabled'\n\n#disable-next-line Azure.ACR.ExportPolicy\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'exempt'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n";

const ARM_REGISTRY = `{
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",
  "parameters": { "access": { "type": "string", "defaultValue": "Disabled" } },
  "resources": [
    // acr-guard-disable-next-line Azure.ACR.ExportPolicy
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2025-11-01",
      "name": "exempt",
      "sku": { "name": "Premium" },
      "properties": { "publicNetworkAccess": "[parameters('access')]", "policies": { "exportPolicy": { "status": "disabled" } } }
    }
  ]
}
`;

function analyze(uri: string, files: Record<string, string>) {
  return analyzeDocument({ uri, text: files[uri]! }, { readText: (other) => files[other], workspaceRoots: ['file:///w/'] });
}

/** What the analysis reports and what it lists as suppressed, with the reason. */
function verdict(uri: string, files: Record<string, string>) {
  const analysis = analyze(uri, files);
  return { reported: analysis.findings.map((f) => f.resource.displayName), suppressed: analysis.suppressed.map((f) => `${f.resource.displayName}: ${f.suppression?.reason}`) };
}

test('a Bicep pragma on the registry holds in a .bicepparam file and in a JSON parameter file that pass it a failing value', () => {
  const files = {
    'file:///w/main.bicep': BICEP_REGISTRY,
    'file:///w/dev.bicepparam': "using './main.bicep'\nparam access = 'Enabled'\n",
    'file:///w/main.parameters.json': JSON.stringify({ $schema: PARAMETERS_SCHEMA, contentVersion: '1.0.0.0', parameters: { access: { value: 'Enabled' } } }),
  };
  const expected = { reported: [], suppressed: ['exempt: suppressed by #disable-next-line on line 3 in main.bicep'] };
  assert.deepEqual(verdict('file:///w/dev.bicepparam', files), expected);
  assert.deepEqual(verdict('file:///w/main.parameters.json', files), expected);
});

test('a Bicep pragma on the registry of a module holds where the module is deployed, however deep', () => {
  const files = {
    'file:///w/modules/registry.bicep': BICEP_REGISTRY,
    'file:///w/modules/platform.bicep': "module reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    access: 'Enabled'\n  }\n}\n",
    'file:///w/main.bicep': "module platform './modules/platform.bicep' = {\n  name: 'platform'\n}\n",
  };
  const expected = { reported: [], suppressed: ['exempt: suppressed by #disable-next-line on line 3 in registry.bicep'] };
  assert.deepEqual(verdict('file:///w/modules/platform.bicep', files), expected);
  assert.deepEqual(verdict('file:///w/main.bicep', files), expected);
  // Without the pragma, both report it.
  const unsuppressed = { ...files, 'file:///w/modules/registry.bicep': BICEP_REGISTRY.replace('#disable-next-line Azure.ACR.ExportPolicy\n', '') };
  assert.deepEqual(verdict('file:///w/main.bicep', unsuppressed), { reported: ['exempt'], suppressed: [] });
});

test('an inline comment on an ARM registry holds in its parameter file and in a template that links it', () => {
  const files = {
    'file:///w/nested/acr.json': ARM_REGISTRY,
    'file:///w/nested/acr.parameters.json': JSON.stringify({ $schema: PARAMETERS_SCHEMA, contentVersion: '1.0.0.0', parameters: { access: { value: 'Enabled' } } }),
    'file:///w/main.json': JSON.stringify({
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'acr', properties: { mode: 'Incremental', templateLink: { relativePath: 'nested/acr.json' }, parameters: { access: { value: 'Enabled' } } } }],
    }),
  };
  const expected = { reported: [], suppressed: ['exempt: suppressed by an inline comment on line 6 in acr.json'] };
  assert.deepEqual(verdict('file:///w/nested/acr.parameters.json', files), expected);
  assert.deepEqual(verdict('file:///w/main.json', files), expected);
});
