/** Bicep over stdio: the diagnostic sits on the Bicep value, and the quick fix writes Bicep. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspHarness } from './lspHarness';

const BICEP = "resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: {\n    name: 'Premium'\n  }\n  properties: {\n    publicNetworkAccess: 'Enabled'\n  }\n}\n";

test('Bicep documents get diagnostics and Bicep-syntax fixes', async (t) => {
  const server = new LspHarness();
  t.after(() => server.shutdown());
  await server.initialize();
  const uri = 'file:///w/main.bicep';
  const flagged = server.diagnostics(uri, (p) => p.diagnostics.length === 1);
  await server.open(uri, BICEP, 'bicep');
  const [diagnostic] = (await flagged).diagnostics;
  assert.deepEqual(diagnostic!.range, { start: { line: 6, character: 25 }, end: { line: 6, character: 34 } });
  const actions = (await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic!.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } })) as CodeAction[];
  const fix = actions.find((a) => a.isPreferred)!;
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'bicep', 1, BICEP), fix.edit!.changes![uri]!);
  assert.equal(fixed, BICEP.replace("    publicNetworkAccess: 'Enabled'\n", "    publicNetworkAccess: 'Disabled'\n    policies: {\n      exportPolicy: {\n        status: 'disabled'\n      }\n    }\n"));
  assert.ok(actions.some((a) => a.title === 'Suppress Azure.ACR.ExportPolicy for this resource'));
});

test('a Bicep file that loads a JSON file (loadJsonContent) is checked with its values, and again when that file changes', async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-load-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'shared.json'), '{ "access": "Enabled" }\n');
  const mainUri = pathToFileURL(join(root, 'main.bicep')).href;
  const sharedUri = pathToFileURL(join(root, 'shared.json')).href;
  const main = BICEP.replace("publicNetworkAccess: 'Enabled'", "publicNetworkAccess: loadJsonContent('shared.json').access\n    policies: { exportPolicy: { status: 'disabled' } }");

  const server = new LspHarness();
  t.after(() => server.shutdown());
  await server.initialize(pathToFileURL(root).href);
  const flagged = server.diagnostics(mainUri, (p) => p.diagnostics.length === 1);
  await server.open(mainUri, main, 'bicep');
  const [diagnostic] = (await flagged).diagnostics;
  assert.match(diagnostic!.message as string, /publicNetworkAccess is 'Enabled' set at line 1 in shared\.json/);
  assert.equal(diagnostic!.relatedInformation?.find((r) => r.location.uri === sharedUri)?.location.range.start.character, 12);

  // Edited in the editor, the loaded file re-validates the Bicep file that loads it.
  const cleared = server.diagnostics(mainUri, (p) => p.diagnostics.length === 0);
  await server.open(sharedUri, '{ "access": "Disabled" }\n', 'json');
  await cleared;
});
