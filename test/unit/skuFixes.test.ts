/**
 * On a registry that is not Premium every fix is a choice. The SKU action comes in the registry, and also where the
 * other values are decided when a default or variable that only registries read decides the SKU too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';

const template = (sku: string, more = '') => `param skuName string = 'Basic'\nparam access string = 'Enabled'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: {\n    name: ${sku}\n  }\n  properties: {\n    publicNetworkAccess: access\n  }\n}\n${more}`;
const STORAGE = "resource store 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'contosostore'\n  kind: 'StorageV2'\n  sku: {\n    name: '${skuName}_LRS'\n  }\n}\n";

function titles(text: string): [string, boolean, boolean | undefined][] {
  const [finding, ...rest] = analyzeDocument({ uri: 'file:///w/main.bicep', text }).findings;
  assert.equal(rest.length, 0);
  return finding!.fixes().filter((fix) => !fix.suppresses).map((fix) => [fix.title, fix.isPreferred, fix.needsChoice]);
}

test('a SKU from a default only registries read: the SKU action at the deciding places changes that default too', () => {
  assert.deepEqual(titles(template('skuName')), [
    ["Disable export and public network access (at the default value of parameter 'access')", false, true],
    ['Disable export and public network access', false, true],
    ["Disable export and public network access and set SKU to Premium (at the default value of parameter 'access', at the default value of parameter 'skuName')", false, true],
    ['Disable export and public network access and set SKU to Premium', false, true],
  ]);
});

test('a SKU written in the registry, or from a default another resource reads too: the SKU action only in the registry', () => {
  const inRegistry = [
    ["Disable export and public network access (at the default value of parameter 'access')", false, true],
    ['Disable export and public network access', false, true],
    ['Disable export and public network access and set SKU to Premium', false, true],
  ];
  assert.deepEqual(titles(template("'Basic'")), inRegistry);
  assert.deepEqual(titles(template('skuName', STORAGE)), inRegistry);
});
