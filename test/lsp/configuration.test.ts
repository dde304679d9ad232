/** ps-rule.yaml over stdio: a change re-validates open documents at once; malformed YAML is reported on the file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
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
    const [shown] = (await back).diagnostics;
    // Hovers and quick fixes come from the same analysis as the diagnostic, user-set severity included.
    const actions = (await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: shown!.range, context: { diagnostics: [shown] } })) as { title: string }[];
    assert.ok(actions.some((action) => action.title === 'Disable export and public network access'), JSON.stringify(actions.map((a) => a.title)));
    const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: shown!.range.start })) as { contents: { value: string } } | null;
    assert.match(hover?.contents.value ?? '', /Azure\.ACR\.ExportPolicy/);
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

test('AZURE_PARAMETER_DEFAULTS: a value for a required parameter decides the verdict, and a change to it applies at once', async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-defaults-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const configPath = join(root, 'psrule.yml');
  const configUri = pathToFileURL(configPath).href;
  const uri = pathToFileURL(join(root, 'main.bicep')).href;
  const text = "param access string\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n";
  writeFileSync(join(root, 'main.bicep'), text);
  const yaml = 'configuration:\n  AZURE_PARAMETER_DEFAULTS:\n    access: Enabled\n';
  writeFileSync(configPath, yaml);

  const server = new LspHarness();
  t.after(() => server.shutdown());
  await server.initialize(pathToFileURL(root).href);
  const flagged = server.diagnostics(uri, (p) => p.diagnostics.length === 1);
  await server.open(uri, text);
  const [diagnostic] = (await flagged).diagnostics as { message: string; relatedInformation?: { location: { uri: string; range: { start: { line: number; character: number } } } }[] }[];
  assert.match(diagnostic!.message, /is 'Enabled' from parameter 'access', set by AZURE_PARAMETER_DEFAULTS in psrule\.yml/);
  const related = diagnostic!.relatedInformation?.find((r) => r.location.uri === configUri);
  assert.deepEqual(related?.location.range.start, { line: 2, character: 12 });

  const passes = server.diagnostics(uri, (p) => p.diagnostics.length === 0);
  writeFileSync(configPath, yaml.replace('Enabled', 'Disabled'));
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
  await passes;
});

test('execution.ruleSuppressed: Error shows each suppression PSRule fails its run on as an error, unless the rule is off', async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-suppressed-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const configPath = join(root, 'ps-rule.yaml');
  const uri = pathToFileURL(join(root, 'main.json')).href;
  writeFileSync(join(root, 'main.json'), TEMPLATE);
  writeFileSync(configPath, 'suppression:\n  Azure.ACR.ExportPolicy: [ contoso ]\nexecution:\n  ruleSuppressed: Error\n');
  const server = new LspHarness();
  t.after(() => server.shutdown());
  await server.initialize(pathToFileURL(root).href);
  const shown = server.diagnostics(uri, (p) => p.diagnostics.length === 1);
  await server.open(uri, TEMPLATE);
  const [diagnostic] = (await shown).diagnostics as { severity: number; message: string }[];
  assert.equal(diagnostic!.severity, 1);
  assert.match(diagnostic!.message, /^PSRule fails its run on this suppression \(execution\.ruleSuppressed is Error in .*ps-rule\.yaml\): Azure\.ACR\.ExportPolicy is suppressed for 'contoso' by /);
  const hidden = server.diagnostics(uri, (p) => p.diagnostics.length === 0);
  server.settings = { ...server.settings, rules: { 'Azure.ACR.ExportPolicy': 'off' } };
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await hidden;
});

test('no quick fix, fix-all or hover for a finding the user does not see', async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-hidden-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const uri = pathToFileURL(join(root, 'main.json')).href;
  writeFileSync(join(root, 'main.json'), TEMPLATE);
  const server = new LspHarness();
  t.after(() => server.shutdown());
  await server.initialize(pathToFileURL(root).href);
  const [shown] = (await Promise.all([server.diagnostics(uri, (p) => p.diagnostics.length === 1), server.open(uri, TEMPLATE)]))[0].diagnostics;
  const actionTitles = async () =>
    ((await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: shown!.range, context: { diagnostics: [] } })) as { title: string }[]).map((a) => a.title);
  const hover = () => server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: shown!.range.start });
  assert.ok((await actionTitles()).includes('Fix all Azure.ACR.ExportPolicy problems in this file'));
  assert.notEqual(await hover(), null);
  // Fix-all on save must not edit a file whose findings are hidden.
  for (const hidden of [{ rules: { 'Azure.ACR.ExportPolicy': 'off' } }, { rules: { 'AZR-000495': 'off' } }, { exclude: ['**/main.json'] }, { enable: false }]) {
    const cleared = server.diagnostics(uri, (p) => p.diagnostics.length === 0);
    server.settings = { ...server.settings, ...hidden };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await cleared;
    assert.deepEqual(await actionTitles(), [], JSON.stringify(hidden));
    assert.equal(await hover(), null, JSON.stringify(hidden));
    const back = server.diagnostics(uri, (p) => p.diagnostics.length === 1);
    server.settings = { enable: true, rules: {}, validationDelay: 0, unresolvedSeverity: 'information' };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await back;
  }
});

test("a rule set to 'off' hides its findings that cannot be verified too", async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-off-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const uri = pathToFileURL(join(root, 'main.json')).href;
  // A required parameter without a value: the verdict cannot be known.
  const unresolved = JSON.stringify({ $schema: SCHEMA, parameters: { access: { type: 'string' } }, resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2023-07-01', name: 'contoso', properties: { publicNetworkAccess: "[parameters('access')]", policies: { exportPolicy: { status: 'disabled' } } } }] }, null, 2);
  writeFileSync(join(root, 'main.json'), unresolved);
  const server = new LspHarness();
  t.after(() => server.shutdown());
  await server.initialize(pathToFileURL(root).href);
  const shown = server.diagnostics(uri, (p) => p.diagnostics.length === 1 && p.diagnostics[0]!.severity === 3);
  await server.open(uri, unresolved);
  assert.match((await shown).diagnostics[0]!.message as string, /cannot be verified/);
  for (const rule of ['Azure.ACR.ExportPolicy', 'AZR-000495']) {
    const hidden = server.diagnostics(uri, (p) => p.diagnostics.length === 0);
    server.settings = { ...server.settings, rules: { [rule]: 'off' } };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await hidden;
    const back = server.diagnostics(uri, (p) => p.diagnostics.length === 1);
    server.settings = { ...server.settings, rules: {} };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await back;
  }
});

test('acrGuard.psrule names the options file and the suppression groups, as the CLI\'s --config and --source', async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-named-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  // AVM's layout: the pipeline passes an options file and a source folder kept away from the workspace root.
  const psrule = join(root, 'pipelines', 'psrule');
  mkdirSync(join(psrule, 'groups'), { recursive: true });
  mkdirSync(join(root, 'tests'), { recursive: true });
  const optionsPath = join(psrule, 'options.yaml');
  writeFileSync(optionsPath, "input:\n  pathIgnore: [ 'tests/**' ]\n");
  writeFileSync(join(psrule, 'groups', 'known.Rule.yaml'), 'apiVersion: github.com/microsoft/PSRule/v1\nkind: SuppressionGroup\nmetadata:\n  name: known\nspec:\n  rule: [Azure.ACR.ExportPolicy]\n  if:\n    name: .\n    equals: contoso\n');
  const mainUri = pathToFileURL(join(root, 'main.json')).href;
  const testUri = pathToFileURL(join(root, 'tests', 'test.json')).href;
  const testTemplate = TEMPLATE.replace('"contoso"', '"testacr"');
  writeFileSync(join(root, 'main.json'), TEMPLATE);
  writeFileSync(join(root, 'tests', 'test.json'), testTemplate);

  const server = new LspHarness();
  t.after(() => server.shutdown());
  await server.initialize(pathToFileURL(root).href, { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } });
  const count = async (uri: string, text: string, expected: number) => {
    const published = server.diagnostics(uri, (p) => p.diagnostics.length === expected);
    await server.open(uri, text);
    await published;
  };
  // Found by itself, neither file applies: both registries are flagged.
  await count(mainUri, TEMPLATE, 1);
  await count(testUri, testTemplate, 1);

  const mainQuiet = server.diagnostics(mainUri, (p) => p.diagnostics.length === 0);
  const testQuiet = server.diagnostics(testUri, (p) => p.diagnostics.length === 0);
  server.settings = { ...server.settings, psrule: { options: 'pipelines/psrule/options.yaml', source: join(psrule, 'groups') } };
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await mainQuiet; // suppressed by the group in the named folder (an absolute path)
  await testQuiet; // ignored by input.pathIgnore, relative to the workspace folder
  // Neither name is one the extension watches by itself: the client is asked to.
  const globs = server.registrations.flatMap((r) => (r.registerOptions as { watchers: { globPattern: unknown }[] }).watchers.map((w) => w.globPattern));
  assert.deepEqual(globs, [
    { baseUri: pathToFileURL(psrule).href + '/', pattern: 'options.yaml' },
    { baseUri: pathToFileURL(join(psrule, 'groups')).href + '/', pattern: '*' },
  ]);

  // A change to the named options file applies at once, though its name is not ps-rule.yaml.
  const testFlagged = server.diagnostics(testUri, (p) => p.diagnostics.length === 1);
  writeFileSync(optionsPath, 'input:\n  pathIgnore: []\n');
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(optionsPath).href, type: 2 }] });
  await testFlagged;
  // So does a change to a group in the named folder.
  const mainFlagged = server.diagnostics(mainUri, (p) => p.diagnostics.length === 1);
  rmSync(join(psrule, 'groups', 'known.Rule.yaml'));
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(psrule, 'groups', 'known.Rule.yaml')).href, type: 3 }] });
  await mainFlagged;
});
