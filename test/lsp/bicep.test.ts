/** Bicep over stdio: the diagnostic sits on the Bicep value, and the quick fix writes Bicep. */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
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
  const actions = (await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } })) as CodeAction[];
  const fix = actions.find((a) => a.isPreferred)!;
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'bicep', 1, BICEP), fix.edit!.changes![uri]!);
  assert.equal(fixed, BICEP.replace("    publicNetworkAccess: 'Enabled'\n", "    publicNetworkAccess: 'Disabled'\n    policies: {\n      exportPolicy: {\n        status: 'disabled'\n      }\n    }\n"));
  assert.ok(actions.some((a) => a.title === 'Suppress Azure.ACR.ExportPolicy for this resource'));
});

/**
 * main.bicep opened over the real server in a new workspace, with `files` written on disk beside it: its one
 * diagnostic, and the code actions of the kinds asked for on it.
 */
async function openInWorkspace(t: TestContext, prefix: string, files: Record<string, string>, main: string) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  const uriOf = (name: string) => pathToFileURL(join(root, name)).href;
  const mainUri = uriOf('main.bicep');
  const server = new LspHarness();
  t.after(() => server.shutdown());
  await server.initialize(pathToFileURL(root).href);
  const flagged = server.diagnostics(mainUri, (p) => p.diagnostics.length === 1);
  await server.open(mainUri, main, 'bicep');
  const [diagnostic] = (await flagged).diagnostics;
  const actions = async (only: string[]) => (await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: mainUri }, range: diagnostic!.range, context: { diagnostics: [diagnostic], only } })) as CodeAction[];
  return { server, mainUri, uriOf, diagnostic: diagnostic!, actions };
}

test('a Bicep file that loads a JSON file (loadJsonContent) is checked with its values, and again when that file changes', async (t) => {
  const main = BICEP.replace("publicNetworkAccess: 'Enabled'", "publicNetworkAccess: loadJsonContent('shared.json').access\n    policies: { exportPolicy: { status: 'disabled' } }");
  const { server, mainUri, uriOf, diagnostic } = await openInWorkspace(t, 'acr-guard-load-', { 'shared.json': '{ "access": "Enabled" }\n' }, main);
  const sharedUri = uriOf('shared.json');
  assert.match(diagnostic.message as string, /publicNetworkAccess is 'Enabled' set at line 1 in shared\.json/);
  assert.equal(diagnostic.relatedInformation?.find((r) => r.location.uri === sharedUri)?.location.range.start.character, 12);

  // Edited in the editor, the loaded file re-validates the Bicep file that loads it.
  const cleared = server.diagnostics(mainUri, (p) => p.diagnostics.length === 0);
  await server.open(sharedUri, '{ "access": "Disabled" }\n', 'json');
  await cleared;
});

test("a module's registry that fails by the module's own defaults: the quick fix that edits the module's file, on disk, is offered in the caller", async (t) => {
  const registry = BICEP.replace("publicNetworkAccess: 'Enabled'", 'publicNetworkAccess: access').replace('resource acr', "param access string = 'Enabled'\nresource acr");
  const main = "module m './registry.bicep' = {\n  name: 'm'\n}\n";
  const { server, mainUri, uriOf, actions: ask } = await openInWorkspace(t, 'acr-guard-module-fix-', { 'registry.bicep': registry }, main);
  const registryUri = uriOf('registry.bicep');
  const actions = await ask(['quickfix']);
  const inModule = actions.find((a) => a.title === "Disable export and public network access (at the default value of parameter 'access') in registry.bicep");
  assert.ok(inModule, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(inModule.isPreferred, false);
  assert.deepEqual(Object.keys(inModule.edit!.changes!), [registryUri]);
  const fixed = TextDocument.applyEdits(TextDocument.create(registryUri, 'bicep', 1, registry), inModule.edit!.changes![registryUri]!);
  assert.equal(fixed, registry.replace("param access string = 'Enabled'", "param access string = 'Disabled'").replace('    publicNetworkAccess: access\n', "    publicNetworkAccess: access\n    policies: {\n      exportPolicy: {\n        status: 'disabled'\n      }\n    }\n"));
  // The editor applies the edit by opening the module with it: the caller's finding clears.
  const cleared = server.diagnostics(mainUri, (p) => p.diagnostics.length === 0);
  await server.open(registryUri, fixed, 'bicep');
  await cleared;
});

test("a module's registry gated by a SKU the caller passes: the values a search finds are a quick fix in the caller, never fix-all's", async (t) => {
  // The shape of AVM's container registry module where it decides the two properties.
  const registry = "@allowed([\n  'Basic'\n  'Premium'\n  'Standard'\n])\nparam acrSku string = 'Premium'\n@allowed([\n  'Enabled'\n  'Disabled'\n])\nparam publicNetworkAccess string?\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: { name: acrSku }\n  properties: {\n    publicNetworkAccess: publicNetworkAccess\n    policies: { exportPolicy: acrSku == 'Premium' ? { status: 'disabled' } : null }\n  }\n}\n";
  const main = "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    acrSku: 'Standard'\n  }\n}\n";
  const { server, mainUri, diagnostic, actions: ask } = await openInWorkspace(t, 'acr-guard-module-values-', { 'registry.bicep': registry }, main);
  assert.deepEqual(diagnostic.range, { start: { line: 3, character: 12 }, end: { line: 3, character: 22 } });
  const passing = (await ask(['quickfix'])).find((a) => a.title === "Pass publicNetworkAccess: 'Disabled' and acrSku: 'Premium' to the module");
  assert.ok(passing, JSON.stringify((await ask(['quickfix'])).map((a) => a.title)));
  assert.equal(passing.isPreferred, false);
  const fixed = TextDocument.applyEdits(TextDocument.create(mainUri, 'bicep', 1, main), passing.edit!.changes![mainUri]!);
  assert.equal(fixed, main.replace("acrSku: 'Standard'\n", "acrSku: 'Premium'\n    publicNetworkAccess: 'Disabled'\n"));
  // It changes the SKU: fix-all leaves it to the user.
  assert.deepEqual(await ask(['source.fixAll']), []);
  const cleared = server.diagnostics(mainUri, (p) => p.diagnostics.length === 0);
  await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: mainUri, version: 2 }, contentChanges: [{ text: fixed }] });
  await cleared;
});

test('Bicep load functions that read bytes and folders read them from the disk in the editor too', async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-bytes-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'settings'));
  writeFileSync(join(root, 'settings', 'access.txt'), 'Enabled\n');
  writeFileSync(join(root, 'settings', 'b.txt'), '');
  const mainUri = pathToFileURL(join(root, 'main.bicep')).href;
  const main = BICEP.replace("name: 'contoso'", "name: 'acr${length(loadDirectoryFileInfo('settings'))}'").replace("publicNetworkAccess: 'Enabled'", "publicNetworkAccess: trim(loadTextContent('settings/access.txt', 'iso-8859-1'))\n    policies: { exportPolicy: { status: 'disabled' } }");
  const server = new LspHarness();
  t.after(() => server.shutdown());
  await server.initialize(pathToFileURL(root).href, { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } });
  const flagged = server.diagnostics(mainUri, (p) => p.diagnostics.length === 1);
  await server.open(mainUri, main, 'bicep');
  assert.match((await flagged).diagnostics[0]!.message as string, /^Container registry 'acr2' can export artifacts: properties\.publicNetworkAccess is 'Enabled'/);
  // The extension watches JSON and Bicep files: the text file and the folder are watched through it, once each.
  const settingsFolder = pathToFileURL(join(root, 'settings')).href + '/';
  assert.deepEqual(server.registrations.map((r) => r.registerOptions), [
    { watchers: [{ globPattern: { baseUri: settingsFolder, pattern: '*' } }, { globPattern: { baseUri: settingsFolder, pattern: 'access.txt' } }] },
  ]);

  // Changed on disk outside the editor: the client reports it, and the file is checked again.
  const cleared = server.diagnostics(mainUri, (p) => p.diagnostics.length === 0);
  writeFileSync(join(root, 'settings', 'access.txt'), 'Disabled\n');
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root, 'settings', 'access.txt')).href, type: 2 }] });
  await cleared;
  writeFileSync(join(root, 'settings', 'access.txt'), 'Enabled\n');
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root, 'settings', 'access.txt')).href, type: 2 }] });

  // A file added to the listed folder re-checks the file that lists it.
  const relisted = server.diagnostics(mainUri, (p) => p.diagnostics.length === 1 && /'acr3'/.test(p.diagnostics[0]!.message as string));
  writeFileSync(join(root, 'settings', 'new.bicep'), '');
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root, 'settings', 'new.bicep')).href, type: 1 }] });
  await relisted;
});

/**
 * A server whose home folder has Bicep's cache, and a workspace with `main.bicep` open (`main`), calling a module that
 * is not restored yet: its diagnostics are checked to be none. `restore` writes the module's cache file (under
 * `~/.bicep/<cachePath>/main.json`) and tells the server, as the editor's file watcher would; it resolves to the one
 * diagnostic that follows.
 */
async function openBeforeRestore(t: { after: (fn: () => unknown) => void }, cachePath: string[], main: string) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-restored-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const workspace = join(root, 'workspace');
  const cached = join(root, 'home', '.bicep', ...cachePath);
  mkdirSync(workspace, { recursive: true });
  mkdirSync(cached, { recursive: true });
  const mainUri = pathToFileURL(join(workspace, 'main.bicep')).href;
  const server = new LspHarness({ HOME: join(root, 'home'), USERPROFILE: join(root, 'home') });
  t.after(() => server.shutdown());
  await server.initialize(pathToFileURL(workspace).href);
  const unchecked = server.diagnostics(mainUri);
  await server.open(mainUri, main, 'bicep');
  assert.deepEqual((await unchecked).diagnostics, []);
  const restore = async (content: unknown) => {
    const flagged = server.diagnostics(mainUri, (p) => p.diagnostics.length === 1);
    writeFileSync(join(cached, 'main.json'), JSON.stringify(content, null, 2));
    // Named as the editor names it: `$`, `(` and `)` escaped, which Node's URLs leave as they are.
    const cachedUri = pathToFileURL(join(cached, 'main.json')).href.replace(/[$()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cachedUri, type: 1 }] });
    return (await flagged).diagnostics[0]!;
  };
  return { server, mainUri, restore };
}

test('a registry module restored in the Bicep cache (outside the workspace) is read; its findings sit on the module, with no fix into the cache', async (t) => {
  const compiled = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { access: { type: 'string', defaultValue: 'Enabled' } },
    resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'cached', sku: { name: 'Premium' }, properties: { publicNetworkAccess: "[parameters('access')]", policies: { exportPolicy: { status: 'disabled' } } } }],
  };
  const main = "module acr 'br:contoso.azurecr.io/modules/acr:v1' = {\n  name: 'acr'\n  params: {\n    access: 'Enabled'\n  }\n}\n";
  // Not restored yet: nothing to say. Restored while the file is open (the Bicep extension does it): checked.
  const { server, mainUri, restore } = await openBeforeRestore(t, ['br', 'contoso.azurecr.io', 'modules$acr', 'v1$'], main);
  const diagnostic = await restore(compiled);
  assert.deepEqual(diagnostic.range, { start: { line: 3, character: 12 }, end: { line: 3, character: 21 } });
  assert.match(diagnostic.message as string, /^Container registry 'cached' .*publicNetworkAccess is 'Enabled' from parameter 'access' as passed in main\.bicep/);
  const actions = (await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: mainUri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } })) as CodeAction[];
  // The value passed is fixed where it is written (not preferred: the module may use it for more than the registry).
  const atValue = actions.find((a) => a.title === "Disable export and public network access (at parameter 'access' as passed in main.bicep)");
  assert.deepEqual(Object.keys(atValue?.edit?.changes ?? {}), [mainUri], JSON.stringify(actions.map((a) => a.title)));
  assert.equal(TextDocument.applyEdits(TextDocument.create(mainUri, 'bicep', 1, main), atValue!.edit!.changes![mainUri]!), main.replace("'Enabled'", "'Disabled'"));
  assert.deepEqual(actions.flatMap((a) => Object.keys(a.edit?.changes ?? {})).filter((uri) => uri !== mainUri), []);
});

test('a template spec restored in the Bicep cache is read when it appears; its main template is judged with the values passed', async (t) => {
  const subscription = '0d3b4a51-7c5e-4e8a-9f1b-2a6c8d0e4f17';
  const mainTemplate = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { access: { type: 'string', defaultValue: 'Disabled' } },
    resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'fromspec', sku: { name: 'Premium' }, properties: { publicNetworkAccess: "[parameters('access')]", policies: { exportPolicy: { status: 'disabled' } } } }],
  };
  const main = `module acr 'ts:${subscription}/Templates(1)/ACR:1.0' = {\n  name: 'acr'\n  params: {\n    access: 'Enabled'\n  }\n}\n`;
  const { restore } = await openBeforeRestore(t, ['ts', subscription, 'templates(1)', 'acr', '1.0'], main);
  const diagnostic = await restore({ id: `/subscriptions/${subscription}/resourceGroups/templates(1)/providers/Microsoft.Resources/templateSpecs/acr/versions/1.0`, properties: { mainTemplate } });
  assert.deepEqual(diagnostic.range, { start: { line: 3, character: 12 }, end: { line: 3, character: 21 } });
  assert.match(diagnostic.message as string, /^Container registry 'fromspec' .*publicNetworkAccess is 'Enabled' from parameter 'access' as passed in main\.bicep/);
});

test('a value imported from a registry module is read when Bicep restores it, re-checking the file that imports it', async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-import-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const cached = join(root, 'home', '.bicep', 'br', 'contoso.azurecr.io', 'shared$config', 'v1$');
  mkdirSync(cached, { recursive: true });
  const mainUri = pathToFileURL(join(root, 'main.bicep')).href;
  const main = `import { access } from 'br:contoso.azurecr.io/shared/config:v1'\n${BICEP.replace("publicNetworkAccess: 'Enabled'", "publicNetworkAccess: access\n    policies: { exportPolicy: { status: 'disabled' } }")}`;
  const server = new LspHarness({ HOME: join(root, 'home'), USERPROFILE: join(root, 'home') });
  t.after(() => server.shutdown());
  await server.initialize(pathToFileURL(root).href);
  const unresolved = server.diagnostics(mainUri, (p) => p.diagnostics.length === 1);
  await server.open(mainUri, main, 'bicep');
  assert.match((await unresolved).diagnostics[0]!.message as string, /cannot be verified \('access' is imported from 'br:contoso\.azurecr\.io\/shared\/config:v1', which Bicep has not restored\)/);

  const exports = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', languageVersion: '2.0', contentVersion: '1.0.0.0', metadata: { '__bicep_exported_variables!': [{ name: 'access' }] }, variables: { access: 'Enabled' }, resources: {} };
  const judged = server.diagnostics(mainUri, (p) => p.diagnostics.length === 1 && !/cannot be verified/.test(p.diagnostics[0]!.message as string));
  writeFileSync(join(cached, 'main.json'), JSON.stringify(exports));
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(cached, 'main.json')).href, type: 1 }] });
  const [diagnostic] = (await judged).diagnostics;
  assert.match(diagnostic!.message as string, /publicNetworkAccess is 'Enabled' from variable 'access' in br:contoso\.azurecr\.io\/shared\/config:v1/);
  assert.deepEqual(diagnostic!.range, { start: { line: 7, character: 25 }, end: { line: 7, character: 31 } });
});

test("a cache that bicepconfig.json moves is watched through the client once a file depends on it; Bicep's default one is not asked for", async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-cacheroot-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const workspace = join(root, 'workspace');
  const cache = join(root, 'shared-cache');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, 'bicepconfig.json'), JSON.stringify({ cacheRootDirectory: cache }));
  const mainUri = pathToFileURL(join(workspace, 'main.bicep')).href;
  const main = "module acr 'br:contoso.azurecr.io/acr:v1' = {\n  name: 'acr'\n}\nmodule other 'br/public:avm/ptn/azd/aks:0.2.0' = {\n  name: 'other'\n}\n";
  const server = new LspHarness({ HOME: join(root, 'home'), USERPROFILE: join(root, 'home') });
  t.after(() => server.shutdown());
  await server.initialize(pathToFileURL(workspace).href, { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } });
  const unchecked = server.diagnostics(mainUri);
  await server.open(mainUri, main, 'bicep');
  assert.deepEqual((await unchecked).diagnostics, []);
  // One watcher, for the moved cache: both modules are looked for there, not in ~/.bicep.
  assert.deepEqual(server.registrations.map((r) => [r.method, r.registerOptions]), [
    ['workspace/didChangeWatchedFiles', { watchers: [{ globPattern: { baseUri: pathToFileURL(cache).href, pattern: '{br,ts}/**/main.json' } }] }],
  ]);
  // Restored there: the client reports it, and the file is checked again.
  const restored = join(cache, 'br', 'contoso.azurecr.io', 'acr', 'v1$');
  mkdirSync(restored, { recursive: true });
  const compiled = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'moved', sku: { name: 'Premium' }, properties: { publicNetworkAccess: 'Enabled' } }] };
  const flagged = server.diagnostics(mainUri, (p) => p.diagnostics.length === 1);
  writeFileSync(join(restored, 'main.json'), JSON.stringify(compiled));
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(restored, 'main.json')).href.replace(/\$/g, '%24'), type: 1 }] });
  assert.match((await flagged).diagnostics[0]!.message as string, /^Container registry 'moved'/);
  assert.equal(server.registrations.length, 1, 'asked once');
});

test('a client that cannot take relative patterns is asked with an absolute glob; one that cannot register watchers, not at all', async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-cacheglob-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const workspace = join(root, 'workspace');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, 'bicepconfig.json'), JSON.stringify({ cacheRootDirectory: join(root, 'cache') }));
  const mainUri = pathToFileURL(join(workspace, 'main.bicep')).href;
  const registrationsWith = async (capabilities: Record<string, unknown>) => {
    const server = new LspHarness({ HOME: join(root, 'home'), USERPROFILE: join(root, 'home') });
    t.after(() => server.shutdown());
    await server.initialize(pathToFileURL(workspace).href, capabilities);
    const checked = server.diagnostics(mainUri);
    await server.open(mainUri, "module acr 'br:contoso.azurecr.io/acr:v1' = {\n  name: 'acr'\n}\n", 'bicep');
    await checked;
    return server.registrations.map((r) => r.registerOptions);
  };
  assert.deepEqual(await registrationsWith({ didChangeWatchedFiles: { dynamicRegistration: true } }), [{ watchers: [{ globPattern: `${join(root, 'cache')}/{br,ts}/**/main.json` }] }]);
  assert.deepEqual(await registrationsWith({}), []);
});

test('a workspace folder added later: its files can be read and open documents are checked again', async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-folders-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'first'));
  mkdirSync(join(root, 'second'));
  writeFileSync(join(root, 'second', 'acr.bicep'), BICEP);
  const mainUri = pathToFileURL(join(root, 'second', 'main.bicep')).href;
  const main = "module acr 'acr.bicep' = {\n  name: 'acr'\n}\n";
  const server = new LspHarness();
  t.after(() => server.shutdown());
  let folders = [{ uri: pathToFileURL(join(root, 'first')).href, name: 'first' }];
  server.connection.onRequest('workspace/workspaceFolders', () => folders);
  await server.initialize(folders[0]!.uri, { workspaceFolders: true });
  // Outside every folder the module is not read.
  const unread = server.diagnostics(mainUri, (p) => p.diagnostics.length === 1 && /is outside the workspace/.test(p.diagnostics[0]!.message as string));
  await server.open(mainUri, main, 'bicep');
  await unread;
  const added = { uri: pathToFileURL(join(root, 'second')).href, name: 'second' };
  folders = [...folders, added];
  const flagged = server.diagnostics(mainUri, (p) => p.diagnostics.length === 1 && /^Container registry 'contoso'/.test(p.diagnostics[0]!.message as string));
  await server.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [added], removed: [] } });
  await flagged;
  assert.deepEqual(server.logs.filter((line) => /fail|error/i.test(line)), []);
});

test('an untitled document in Bicep or Bicep parameters mode is read as Bicep (its URI has no extension)', async (t) => {
  const server = new LspHarness();
  t.after(() => server.shutdown());
  await server.initialize();
  const uri = 'untitled:Untitled-1';
  const flagged = server.diagnostics(uri, (p) => p.diagnostics.length === 1);
  await server.open(uri, BICEP, 'bicep');
  const [diagnostic] = (await flagged).diagnostics;
  assert.deepEqual(diagnostic!.range, { start: { line: 6, character: 25 }, end: { line: 6, character: 34 } });
  const actions = (await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } })) as CodeAction[];
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'bicep', 1, BICEP), actions.find((a) => a.isPreferred)!.edit!.changes![uri]!);
  assert.match(fixed, /publicNetworkAccess: 'Disabled'\n {4}policies: \{\n {6}exportPolicy: \{\n {8}status: 'disabled'/);

  // A parameter file cannot name its template relative to an untitled document: said on its `using` line.
  const paramsUri = 'untitled:Untitled-2';
  const noticed = server.diagnostics(paramsUri, (p) => p.diagnostics.length === 1);
  await server.open(paramsUri, "using './main.bicep'\nparam access = 'Enabled'\n", 'bicep-params');
  const [notice] = (await noticed).diagnostics;
  assert.equal(notice!.range.start.line, 0);
  assert.match(notice!.message as string, /'\.\/main\.bicep' is relative to this document, which is not saved yet/);

  // JSON in an untitled document is still JSON.
  const jsonUri = 'untitled:Untitled-3';
  const json = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'contoso', sku: { name: 'Premium' }, properties: {} }] }, null, 2);
  const jsonFlagged = server.diagnostics(jsonUri, (p) => p.diagnostics.length === 1);
  await server.open(jsonUri, json, 'arm-template');
  await jsonFlagged;
});
