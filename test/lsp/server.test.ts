/** The real server over stdio: diagnostics, hover, code actions, incremental edits, settings, close. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { LspHarness } from './lspHarness';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const TEMPLATE = `{
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "sku": { "name": "Premium" },
      "properties": {
        "publicNetworkAccess": "Enabled"
      }
    }
  ]
}
`;
const URI = 'file:///workspace/registry.json';

test('language server over stdio', async (t) => {
  const server = new LspHarness();
  t.after(() => server.shutdown());
  const init = (await server.initialize()) as { capabilities: { textDocumentSync: { change: number }; hoverProvider: boolean } };
  assert.equal(init.capabilities.textDocumentSync.change, 2, 'incremental sync');
  assert.equal(init.capabilities.hoverProvider, true);

  const published = server.diagnostics(URI, (p) => p.diagnostics.length > 0);
  await server.open(URI, TEMPLATE);
  const first = await published;
  assert.equal(first.version, 1);
  assert.equal(first.diagnostics.length, 1);
  const diagnostic: Diagnostic = first.diagnostics[0]!;

  await t.test('publishes one diagnostic on the offending value with code, link and source', () => {
    assert.deepEqual(diagnostic.range, { start: { line: 10, character: 31 }, end: { line: 10, character: 40 } });
    assert.equal(diagnostic.code, 'Azure.ACR.ExportPolicy');
    assert.equal(diagnostic.codeDescription?.href, 'https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.ACR.ExportPolicy/');
    assert.equal(diagnostic.source, 'acr-guard');
    assert.equal(diagnostic.severity, 2);
    assert.match(diagnostic.message as string, /^Container registry 'contoso' can export artifacts: /);
  });

  await t.test('hover on the registry type explains the rule and links its documentation', async () => {
    const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 5, character: 20 } })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /Container Registry export policy should be disabled/);
    assert.match(value, /\(https:\/\/azure\.github\.io\/PSRule\.Rules\.Azure\/en\/rules\/Azure\.ACR\.ExportPolicy\/\)/);
    assert.match(value, /az resource update -n 'contoso'/);
    const nothing = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 2, character: 5 } });
    assert.equal(nothing, null);
  });

  let document = TextDocument.create(URI, 'json', 1, TEMPLATE);
  await t.test('quick fixes: the preferred one fixes the file, documentation is offered', async () => {
    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => [a.title, !!a.isPreferred]), [
      ['Disable export and public network access', true],
      ['Suppress Azure.ACR.ExportPolicy for this resource', false],
      ['Show documentation for Azure.ACR.ExportPolicy', false],
    ]);
    assert.deepEqual(actions[1]!.edit!.changes![URI], [
      { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: '    // acr-guard-disable-next-line Azure.ACR.ExportPolicy\n' },
    ]);
    assert.deepEqual(actions[0]!.diagnostics, [diagnostic]);
    const edits = actions[0]!.edit!.changes![URI]!;
    const fixed = TextDocument.applyEdits(document, edits);
    assert.match(fixed, /"publicNetworkAccess": "Disabled",\n        "policies": \{\n          "exportPolicy": \{\n            "status": "disabled"\n          \}\n        \}\n      \}/);

    // Send the fix as incremental changes, the way an editor applies a workspace edit.
    const cleared = server.diagnostics(URI, (p) => p.diagnostics.length === 0);
    const sorted = [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
    document = TextDocument.create(URI, 'json', 2, fixed);
    assert.equal((await cleared).version, 2);
  });

  await t.test('an incremental one-character edit re-validates', async () => {
    const text = document.getText();
    const offset = text.indexOf('"Disabled"') + 1;
    const flagged = server.diagnostics(URI, (p) => p.diagnostics.length === 1 && p.version === 3);
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 3 },
      contentChanges: [{ range: { start: document.positionAt(offset), end: document.positionAt(offset + 1) }, text: 'X' }],
    });
    const result = await flagged;
    assert.match(result.diagnostics[0]!.message as string, /properties\.publicNetworkAccess is 'Xisabled' \(must be 'Disabled'\)/);
  });

  await t.test('fix-all is offered as a source action', async () => {
    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all Azure.ACR.ExportPolicy problems in this file', 'source.fixAll.acrGuard']]);
  });

  await t.test('on a Basic registry the fixes are offered, but fix-all is not: which one is the user\'s choice', async () => {
    const basicUri = 'file:///workspace/basic.json';
    const flagged = server.diagnostics(basicUri, (p) => p.diagnostics.length === 1);
    await server.open(basicUri, TEMPLATE.replace('"Premium"', '"Basic"'));
    const [basic] = (await flagged).diagnostics;
    const ask = async (only: string[], range = basic!.range) =>
      ((await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: basicUri }, range, context: { diagnostics: [basic], only } })) as CodeAction[]).map((a) => [a.title, !!a.isPreferred]);
    assert.deepEqual(await ask(['quickfix']), [
      ['Disable export and public network access', false],
      ['Disable export and public network access and set SKU to Premium', false],
      ['Suppress Azure.ACR.ExportPolicy for this resource', false],
      ['Show documentation for Azure.ACR.ExportPolicy', false],
    ]);
    assert.deepEqual(await ask(['source.fixAll'], { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }), []);
  });

  await t.test('fix-all is left out of requests the client makes on its own without naming a kind', async () => {
    const titles = async (triggerKind: number) => {
      const actions = (await server.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: URI },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], triggerKind },
      })) as CodeAction[];
      return actions.map((a) => a.title);
    };
    assert.deepEqual(await titles(2 /* automatic */), []);
    assert.deepEqual(await titles(1 /* invoked */), ['Fix all Azure.ACR.ExportPolicy problems in this file']);
  });

  await t.test('a severity setting applies live: off clears, error returns', async () => {
    const cleared = server.diagnostics(URI, (p) => p.diagnostics.length === 0);
    server.settings = { ...server.settings, rules: { 'Azure.ACR.ExportPolicy': 'off' } };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await cleared;
    const errors = server.diagnostics(URI, (p) => p.diagnostics.length === 1 && p.diagnostics[0]!.severity === 1);
    server.settings = { ...server.settings, rules: { 'Azure.ACR.ExportPolicy': 'error' } };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await errors;
  });

  await t.test('closing the document clears its diagnostics', async () => {
    const cleared = server.diagnostics(URI, (p) => p.diagnostics.length === 0);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    await cleared;
    const none = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 5, character: 20 } });
    assert.equal(none, null);
  });

  await t.test('plain JSON gets no diagnostics', async () => {
    const other = 'file:///workspace/package.json';
    const published = server.diagnostics(other);
    await server.open(other, '{ "name": "x", "resources": [ { "type": "Microsoft.ContainerRegistry/registries" } ] }');
    assert.deepEqual((await published).diagnostics, []);
  });

  assert.equal(server.stderr, '');
});
