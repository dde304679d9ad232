/** Local Bicep modules: every declaration that calls a module file is judged with its own values; the file is read once. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';

const MODULE = "param name string\nparam access string = 'Enabled'\nresource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: name\n  sku: {\n    name: 'Premium'\n  }\n  properties: {\n    publicNetworkAccess: access\n    policies: {\n      exportPolicy: {\n        status: 'disabled'\n      }\n    }\n  }\n}\n";

test('many declarations of one module: each judged with the values it passes, the module read and listed once', () => {
  const count = 40;
  const main = Array.from({ length: count }, (_, i) => `module m${i} './registry.bicep' = {\n  name: 'm${i}'\n  params: {\n    name: 'r${i}'\n    access: '${i % 2 ? 'Enabled' : 'Disabled'}'\n  }\n}\n`).join('');
  const reads: string[] = [];
  const analysis = analyzeDocument(
    { uri: 'file:///w/main.bicep', text: main },
    { readText: (uri) => (reads.push(uri), uri === 'file:///w/registry.bicep' ? MODULE : undefined), workspaceRoots: ['file:///w/'] },
  );
  assert.deepEqual(reads, ['file:///w/registry.bicep']);
  assert.deepEqual(analysis.dependencies, ['file:///w/registry.bicep']);
  const failing = Array.from({ length: count / 2 }, (_, i) => `r${2 * i + 1}`);
  assert.deepEqual(analysis.findings.map((f) => f.resource.displayName), failing);
  // Each is reported at the value its own declaration passes.
  for (const finding of analysis.findings) {
    const line = main.slice(0, finding.span.start).split('\n').length;
    assert.equal(main.split('\n')[line - 1]!.trim(), "access: 'Enabled'");
    assert.equal(Math.floor((line - 1) / 7), Number(finding.resource.displayName.slice(1)));
  }
});
