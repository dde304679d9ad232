/** The server stays up and answers sensibly under unknown documents, malformed params, cancellation and races. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { LspHarness } from './lspHarness';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const TEMPLATE = JSON.stringify({ $schema: SCHEMA, resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2023-07-01', name: 'r', properties: {} }] }, null, 2);

test('language server robustness over stdio', async (t) => {
  const server = new LspHarness();
  t.after(() => server.shutdown());
  await server.initialize();
  const alive = async () => {
    const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///none.json' }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
  };

  await t.test('requests for unknown documents get empty answers', async () => {
    await alive();
    const actions = await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: 'file:///none.json' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
    assert.deepEqual(actions, []);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///none.json', version: 2 }, contentChanges: [{ text: 'x' }] });
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///none.json' } });
    await alive();
  });

  await t.test('malformed params are answered, not fatal', async () => {
    const uri = 'file:///w/malformed.json';
    const published = server.diagnostics(uri, (p) => p.diagnostics.length === 1);
    await server.open(uri, TEMPLATE);
    await published;
    assert.equal(await server.connection.sendRequest('textDocument/hover', { textDocument: { uri } }), null);
    assert.deepEqual(await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: null, context: null }), []);
    await alive();
  });

  await t.test('a cancellation storm leaves the server answering', async () => {
    const uri = 'file:///w/storm.json';
    await server.open(uri, TEMPLATE);
    const requests = Array.from({ length: 200 }, () => {
      const source = new CancellationTokenSource();
      const request = server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 15 } }, source.token).catch((e: Error) => e);
      source.cancel();
      return request;
    });
    await Promise.all(requests);
    await alive();
  });

  await t.test('an out-of-order version is applied and answered, and the server stays up', async () => {
    const uri = 'file:///w/versions.json';
    const published = server.diagnostics(uri, (p) => p.version === 5);
    await server.open(uri, TEMPLATE, 'json', 5);
    await published;
    const older = server.diagnostics(uri, (p) => p.version === 3 && p.diagnostics.length === 0);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: '{}' }] });
    await older;
    await alive();
  });

  await t.test('rapid edits and a close during validation end with the latest state', async () => {
    const uri = 'file:///w/racy.json';
    await server.open(uri, TEMPLATE);
    for (let version = 2; version <= 20; version++) {
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: version % 2 ? TEMPLATE : '{' }] });
    }
    const cleared = server.diagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await cleared;
    // Nothing for the closed document may arrive after its clearing publish.
    await alive();
    const after = server.published.filter((p) => p.uri === uri);
    assert.deepEqual(after[after.length - 1]!.diagnostics, []);
  });
  assert.doesNotMatch(server.stderr, /Error/);
});

test('an internal error in one document is logged once and leaves the other documents working', async (t) => {
  const server = new LspHarness({ ACR_GUARD_FAULT_INJECTION: 'faulty' });
  t.after(() => server.shutdown());
  await server.initialize();
  const faulty = 'file:///w/faulty.json';
  const healthy = 'file:///w/healthy.json';
  const faultyPublished = server.diagnostics(faulty);
  await server.open(faulty, TEMPLATE);
  assert.deepEqual((await faultyPublished).diagnostics, []);
  const again = server.diagnostics(faulty, (p) => p.version === 2);
  await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: faulty, version: 2 }, contentChanges: [{ text: TEMPLATE + ' ' }] });
  await again;
  const healthyPublished = server.diagnostics(healthy, (p) => p.diagnostics.length === 1);
  await server.open(healthy, TEMPLATE);
  await healthyPublished;
  assert.equal(server.logs.filter((m) => m.includes('internal error while analysing file:///w/faulty.json')).length, 1);
});

test('a file excluded by acrGuard.exclude, or with checking off, is not analysed at all (it is often large and generated)', async (t) => {
  const server = new LspHarness({ ACR_GUARD_FAULT_INJECTION: 'generated' });
  t.after(() => server.shutdown());
  server.settings = { ...server.settings, exclude: ['**/generated/**'] };
  await server.initialize();
  const excluded = 'file:///w/generated/big.json';
  const published = server.diagnostics(excluded);
  await server.open(excluded, TEMPLATE);
  assert.deepEqual((await published).diagnostics, []);
  // A hover and the code actions do not analyse it either.
  assert.equal(await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: excluded }, position: { line: 5, character: 20 } }), null);
  assert.deepEqual(await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: excluded }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics: [] } }), []);
  server.settings = { ...server.settings, exclude: [], enable: false };
  const disabled = server.diagnostics(excluded, () => true);
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  assert.deepEqual((await disabled).diagnostics, []);
  // The injected fault fires only inside an analysis: none was made.
  assert.deepEqual(server.logs.filter((m) => m.includes('internal error')), []);
});
