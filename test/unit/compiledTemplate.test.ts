/** A template compiled from Bicep, with its .bicep source beside it, points at the source. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';

const BICEP = "resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  properties: {\n    publicNetworkAccess: 'Enabled'\n  }\n}\n";
const compiled = (generator: string) =>
  JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    metadata: { _generator: { name: generator, version: '0.42.1' } },
    resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'contoso', properties: { publicNetworkAccess: 'Enabled' } }],
  }, null, 2);

test('compiled JSON keeps its diagnostic and adds a hint with related information into the .bicep source', () => {
  const analysis = analyzeDocument({ uri: 'file:///w/main.json', text: compiled('bicep') }, { readText: (uri) => (uri === 'file:///w/main.bicep' ? BICEP : undefined) });
  const [finding] = analysis.findings;
  assert.match(finding!.message, /This file is compiled from main\.bicep: fix the source there and rebuild\.$/);
  assert.equal(finding!.related[0]!.location.uri, 'file:///w/main.bicep');
  assert.equal(BICEP.slice(finding!.related[0]!.location.span.start, finding!.related[0]!.location.span.start + 12), 'resource acr');
  assert.deepEqual(analysis.dependencies, ['file:///w/main.bicep']);
});

test('without the generator or without the source, nothing is added', () => {
  const other = analyzeDocument({ uri: 'file:///w/main.json', text: compiled('handwritten') }, { readText: () => BICEP });
  assert.doesNotMatch(other.findings[0]!.message, /compiled from/);
  const alone = analyzeDocument({ uri: 'file:///w/main.json', text: compiled('bicep') }, { readText: () => undefined });
  assert.doesNotMatch(alone.findings[0]!.message, /compiled from/);
});
