/** Which findings sit at a place in a document (hover, code actions): only spans of that document count. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { findingsAt, hoverAt } from '../../server/src/core/analysis/queries';

const TEMPLATE = JSON.stringify(
  {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { access: { type: 'string', defaultValue: 'Disabled' } },
    resources: [
      {
        type: 'Microsoft.ContainerRegistry/registries',
        apiVersion: '2025-11-01',
        name: 'contoso',
        sku: { name: 'Premium' },
        properties: { publicNetworkAccess: "[parameters('access')]", policies: { exportPolicy: { status: 'disabled' } } },
      },
    ],
  },
  null,
  2,
);

test("a finding of a registry in another file is found only at its places in this file, not at offsets of the registry's own file", () => {
  // A parameter file whose description runs over the offsets where the template writes the registry's type and name.
  const parameters = JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      contentVersion: '1.0.0.0',
      metadata: { description: 'd'.repeat(TEMPLATE.length) },
      parameters: { access: { value: 'Enabled' } },
    },
    null,
    2,
  );
  const files: Record<string, string> = { 'file:///w/azuredeploy.json': TEMPLATE };
  const analysis = analyzeDocument({ uri: 'file:///w/azuredeploy.parameters.json', text: parameters }, { readText: (uri) => files[uri], workspaceRoots: ['file:///w/'] });
  assert.equal(analysis.findings.length, 1);
  const [finding] = analysis.findings;
  assert.equal(parameters.slice(finding!.span.start, finding!.span.end), '"Enabled"');
  assert.equal(finding!.resource.uri, 'file:///w/azuredeploy.json');
  for (const span of [finding!.resource.typeSpan, finding!.resource.nameSpan!]) {
    const offset = span.start + 1;
    assert.ok(parameters.slice(offset - 1, offset + 1) === 'dd', 'the offset is inside the description here');
    assert.deepEqual(findingsAt(analysis, offset), []);
    assert.equal(hoverAt(analysis, offset), undefined);
  }
  // At the value it is found, and the hover spans the value.
  assert.deepEqual(findingsAt(analysis, finding!.span.start + 1), [finding]);
  assert.deepEqual(hoverAt(analysis, finding!.span.start + 1)?.span, finding!.span);
});
