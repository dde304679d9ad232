/** A parameter file and its template over stdio: findings in the parameter file, re-validated when the template changes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspHarness } from './lspHarness';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const PARAMETERS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';
const template = (reads: string) =>
  JSON.stringify({
    $schema: SCHEMA,
    parameters: { access: { type: 'string', defaultValue: 'Disabled' } },
    resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2023-07-01', name: 'contoso', sku: { name: 'Premium' }, properties: { publicNetworkAccess: reads, policies: { exportPolicy: { status: 'disabled' } } } }],
  }, null, 2);
const PARAMETERS = JSON.stringify({ $schema: PARAMETERS_SCHEMA, contentVersion: '1.0.0.0', parameters: { access: { value: 'Enabled' } } }, null, 2);

test('parameter file findings follow edits of their template', async (t) => {
  const server = new LspHarness();
  t.after(() => server.shutdown());
  await server.initialize();
  const templateUri = 'file:///w/main.json';
  const parametersUri = 'file:///w/main.parameters.json';

  const templateClean = server.diagnostics(templateUri);
  await server.open(templateUri, template("[parameters('access')]"));
  assert.deepEqual((await templateClean).diagnostics, [], 'the template alone uses its passing default');

  const flagged = server.diagnostics(parametersUri, (p) => p.diagnostics.length === 1);
  await server.open(parametersUri, PARAMETERS);
  const [diagnostic] = (await flagged).diagnostics;
  assert.deepEqual(diagnostic!.range, { start: { line: 5, character: 15 }, end: { line: 5, character: 24 } });
  assert.match(diagnostic!.message as string, /publicNetworkAccess is 'Enabled' from parameter 'access' in main\.parameters\.json/);
  assert.equal(diagnostic!.relatedInformation?.[0]?.location.uri, templateUri);

  // The template stops reading the parameter: the parameter file no longer decides anything.
  const cleared = server.diagnostics(parametersUri, (p) => p.diagnostics.length === 0);
  await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: templateUri, version: 2 }, contentChanges: [{ text: template('Disabled') }] });
  await cleared;
});
