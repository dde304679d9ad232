/** A parameter file and its template over stdio: findings in the parameter file, re-validated when the template changes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

test('a parameter file whose template is only on disk: every finding points into it at its own registry', async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-params-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const count = 300;
  const manyTemplate = JSON.stringify({
    $schema: SCHEMA,
    parameters: Object.fromEntries(Array.from({ length: count }, (_, i) => [`access${i}`, { type: 'string' }])),
    resources: Array.from({ length: count }, (_, i) => ({ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2023-07-01', name: `r${i}`, sku: { name: 'Premium' }, properties: { publicNetworkAccess: `[parameters('access${i}')]`, policies: { exportPolicy: { status: 'disabled' } } } })),
  }, null, 2);
  const manyParameters = JSON.stringify({ $schema: PARAMETERS_SCHEMA, contentVersion: '1.0.0.0', parameters: Object.fromEntries(Array.from({ length: count }, (_, i) => [`access${i}`, { value: 'Enabled' }])) }, null, 2);
  writeFileSync(join(root, 'main.json'), manyTemplate);
  const templateUri = pathToFileURL(join(root, 'main.json')).href;
  const parametersUri = pathToFileURL(join(root, 'main.parameters.json')).href;

  const server = new LspHarness();
  t.after(() => server.shutdown());
  await server.initialize(pathToFileURL(root).href);
  const flagged = server.diagnostics(parametersUri, (p) => p.diagnostics.length === count);
  await server.open(parametersUri, manyParameters);
  const templateLines = manyTemplate.split('\n');
  for (const [i, diagnostic] of (await flagged).diagnostics.entries()) {
    const related = diagnostic.relatedInformation?.find((r) => r.location.uri === templateUri);
    assert.ok(related, `finding ${i} points into the template`);
    // Each points at its own registry's place in the template, though the template is not open.
    const line = templateLines[related.location.range.start.line]!;
    assert.ok(line.includes(`access${i}'`) || line.includes(`"r${i}"`), `finding ${i} points at line ${related.location.range.start.line}: ${line.trim()}`);
  }
});

test('a template on disk in UTF-16 (with its byte order mark) is read for the parameter file that links it', async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-params-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const text = template("[parameters('access')]");
  writeFileSync(join(root, 'main.json'), Buffer.from(`\ufeff${text}`, 'utf16le'));
  const templateUri = pathToFileURL(join(root, 'main.json')).href;
  const parametersUri = pathToFileURL(join(root, 'main.parameters.json')).href;

  const server = new LspHarness();
  t.after(() => server.shutdown());
  await server.initialize(pathToFileURL(root).href);
  const flagged = server.diagnostics(parametersUri, (p) => p.diagnostics.length === 1);
  await server.open(parametersUri, PARAMETERS);
  const [diagnostic] = (await flagged).diagnostics;
  assert.match(diagnostic!.message as string, /publicNetworkAccess is 'Enabled' from parameter 'access' in main\.parameters\.json/);
  const related = diagnostic!.relatedInformation?.find((r) => r.location.uri === templateUri);
  assert.ok(related, 'it points into the template on disk');
  assert.match(text.split('\n')[related.location.range.start.line]!, /publicNetworkAccess/);
});
