/** ps-rule.yaml over stdio: a change re-validates open documents at once; malformed YAML is reported on the file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspHarness } from './lspHarness';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const TEMPLATE = JSON.stringify({ $schema: SCHEMA, resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2023-07-01', name: 'contoso', properties: {} }] }, null, 2);

test('configuration changes apply live', async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-config-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const configPath = join(root, 'ps-rule.yaml');
  const configUri = pathToFileURL(configPath).href;
  const uri = pathToFileURL(join(root, 'main.json')).href;
  writeFileSync(join(root, 'main.json'), TEMPLATE);

  const server = new LspHarness();
  t.after(() => server.shutdown());
  await server.initialize(pathToFileURL(root).href);
  const flagged = server.diagnostics(uri, (p) => p.diagnostics.length === 1);
  await server.open(uri, TEMPLATE);
  await flagged;

  await t.test('suppressing the registry in ps-rule.yaml clears the diagnostic', async () => {
    const cleared = server.diagnostics(uri, (p) => p.diagnostics.length === 0);
    writeFileSync(configPath, 'suppression:\n  Azure.ACR.ExportPolicy: [ contoso ]\n');
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 1 }] });
    await cleared;
  });

  await t.test('a user-set severity wins over rule.exclude', async () => {
    writeFileSync(configPath, 'rule:\n  exclude: [ Azure.ACR.ExportPolicy ]\n');
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    const back = server.diagnostics(uri, (p) => p.diagnostics.length === 1 && p.diagnostics[0]!.severity === 1);
    server.settings = { ...server.settings, rules: { 'Azure.ACR.ExportPolicy': 'error' } };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await back;
    const excludedAgain = server.diagnostics(uri, (p) => p.diagnostics.length === 0);
    server.settings = { ...server.settings, rules: {} };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await excludedAgain;
  });

  await t.test('malformed YAML: one diagnostic on the config file, defaults for the rest', async () => {
    const onConfig = server.diagnostics(configUri, (p) => p.diagnostics.length === 1);
    const defaults = server.diagnostics(uri, (p) => p.diagnostics.length === 1 && p.diagnostics[0]!.severity === 2);
    writeFileSync(configPath, 'rule:\n  exclude: [Azure.ACR.ExportPolicy\n');
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    const [diagnostic] = (await onConfig).diagnostics;
    assert.match(diagnostic!.message as string, /^Malformed YAML/);
    await defaults;
  });
});
