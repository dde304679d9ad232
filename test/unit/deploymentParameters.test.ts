/**
 * What a nested deployment passes to its template: `{ "value": ... }` per parameter, or, as Bicep compiles a module
 * parameter written as a ternary, an expression that gives that object (`"[if(c, createObject('value', a), ...)]"`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { SCHEMA } from './rules/armCases';

const registryTemplate = {
  $schema: SCHEMA,
  contentVersion: '1.0.0.0',
  parameters: { acrSku: { type: 'string', defaultValue: 'Premium' }, publicNetworkAccess: { type: 'string', nullable: true, defaultValue: 'Disabled' } },
  resources: [
    {
      type: 'Microsoft.ContainerRegistry/registries',
      apiVersion: '2025-11-01',
      name: 'moduleacr',
      sku: { name: "[parameters('acrSku')]" },
      properties: { publicNetworkAccess: "[parameters('publicNetworkAccess')]", policies: { exportPolicy: { status: "[if(equals(parameters('acrSku'), 'Premium'), 'disabled', null())]" } } },
    },
  ],
};

function messages(parameters: Record<string, unknown>, vnet: boolean): string[] {
  const text = JSON.stringify(
    {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: { deployInVnet: { type: 'bool', defaultValue: vnet } },
      resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'registry', properties: { mode: 'Incremental', expressionEvaluationOptions: { scope: 'inner' }, parameters, template: registryTemplate } }],
    },
    null,
    2,
  );
  return analyzeDocument({ uri: 'file:///w/main.json', text }).findings.map((f) => f.message);
}

test('a parameter passed as an expression that gives { value } (how Bicep compiles a ternary) is the value it gives', () => {
  // AVM's container-job-toolkit: acrSku: deployInVnet ? 'Premium' : 'Standard', publicNetworkAccess: deployInVnet ? 'Disabled' : null.
  const compiled = {
    acrSku: "[if(parameters('deployInVnet'), createObject('value', 'Premium'), createObject('value', 'Standard'))]",
    publicNetworkAccess: "[if(parameters('deployInVnet'), createObject('value', 'Disabled'), createObject('value', null()))]",
  };
  const [outside] = messages(compiled, false);
  assert.match(outside!, /exportPolicy\.status is null .*publicNetworkAccess is null .*Export policies need the Premium SKU; sku\.name is 'Standard'/);
  assert.deepEqual(messages(compiled, true), []);
  // An expression that does not give such an object passes an unknown value, not the template's default.
  const [odd] = messages({ acrSku: "[createObject('other', 'Standard')]" }, true);
  assert.match(odd!, /cannot be verified/);
});
