/** A value that is not set at all, under an object written elsewhere: the finding names that object and points at it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { applyEdits } from '../../server/src/core/analysis/queries';

test("a missing value under a variable's object: the message names the variable, and a related location points at its object", () => {
  const text = "var props = {\n  publicNetworkAccess: 'Disabled'\n}\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: { name: 'Premium' }\n  properties: props\n}\n";
  const [finding, ...rest] = analyzeDocument({ uri: 'file:///w/main.bicep', text }).findings;
  assert.equal(rest.length, 0);
  assert.equal(finding!.message, "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is missing from variable 'props' (must be 'disabled').");
  const missing = finding!.related.find((r) => r.message.includes('is missing'));
  assert.equal(missing?.message, "properties.policies.exportPolicy.status is missing from variable 'props'");
  assert.equal(text.slice(missing!.location.span.start, missing!.location.span.end), "{\n  publicNetworkAccess: 'Disabled'\n}");
});

test('a missing value under an object written in the declaration: no "missing from", no extra related location', () => {
  const text = "resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}\n";
  const [finding] = analyzeDocument({ uri: 'file:///w/main.bicep', text }).findings;
  assert.match(finding!.message, /exportPolicy\.status is missing \(must be 'disabled'\)\.$/);
  assert.equal(finding!.related.some((r) => r.message.includes('is missing')), false);
});

test('both branches of a choice with an unknown condition write the failing value: the choice decides, and no fix edits one branch only', () => {
  const bicep = `param isPrivate bool
param status string = 'enabled'
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  sku: { name: 'Premium' }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: { exportPolicy: { status: isPrivate ? status : 'enabled' } }
  }
}
`;
  const arm = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    parameters: { isPrivate: { type: 'bool' }, status: { type: 'string', defaultValue: 'enabled' } },
    resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'contoso', sku: { name: 'Premium' }, properties: { publicNetworkAccess: 'Disabled', policies: { exportPolicy: { status: "[if(parameters('isPrivate'), parameters('status'), 'enabled')]" } } } }],
  }, null, 2);
  for (const [uri, text, choice] of [['file:///w/main.bicep', bicep, "isPrivate ? status : 'enabled'"], ['file:///w/main.json', arm, "if(parameters('isPrivate'), parameters('status'), 'enabled')"]] as const) {
    const [finding, ...rest] = analyzeDocument({ uri, text }).findings;
    assert.equal(rest.length, 0);
    // Not "from the default value of parameter 'status'": changing that default would leave the other branch deciding.
    assert.equal(finding!.message, "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is 'enabled' (must be 'disabled').");
    assert.equal(text.slice(finding!.span.start, finding!.span.end).includes(choice), true, uri);
    for (const fix of finding!.fixes().filter((f) => !f.suppresses)) {
      assert.deepEqual(analyzeDocument({ uri, text: applyEdits(text, fix.edits) }).findings, [], `${uri}: ${fix.title}`);
    }
  }
});

test('objects both branches agree on: a member they write in different places is decided by the choice', () => {
  const text = `param isPrivate bool
param access string = 'Enabled'
var shared = { publicNetworkAccess: access, policies: { exportPolicy: { status: 'disabled' } } }
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  sku: { name: 'Premium' }
  properties: isPrivate ? shared : { publicNetworkAccess: 'Enabled', policies: shared.policies }
}
`;
  const uri = 'file:///w/main.bicep';
  const [finding, ...rest] = analyzeDocument({ uri, text }).findings;
  assert.equal(rest.length, 0);
  assert.equal(finding!.message, "Container registry 'contoso' can export artifacts: properties.publicNetworkAccess is 'Enabled' (must be 'Disabled').");
  for (const fix of finding!.fixes().filter((f) => !f.suppresses)) assert.deepEqual(analyzeDocument({ uri, text: applyEdits(text, fix.edits) }).findings, [], fix.title);
});
