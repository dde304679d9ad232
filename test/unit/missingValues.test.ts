/** A value that is not set at all, under an object written elsewhere: the finding names that object and points at it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';

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
