/** Paths in templates are file paths: '%', '#' and '?' are characters of a name there, wherever a path is resolved. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUriText, relativeFilePath, resolveFilePath } from '../../server/src/core/text/filePaths';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';

test('resolveFilePath: relative paths, backslashes, and the characters URIs would read as syntax', () => {
  assert.equal(resolveFilePath('shared/a.json', 'file:///w/main.bicep'), 'file:///w/shared/a.json');
  assert.equal(resolveFilePath('..\\shared\\a.json', 'file:///w/infra/main.bicep'), 'file:///w/shared/a.json');
  assert.equal(resolveFilePath('C#/100%?.json', 'file:///w/main.bicep'), 'file:///w/C%23/100%25%3F.json');
  assert.equal(resolveFilePath('my file.json', 'file:///w/main.bicep'), 'file:///w/my%20file.json');
  assert.equal(decodeUriText('C%23/100%25'), 'C#/100%');
  assert.equal(decodeUriText('100%zz'), '100%zz', 'not valid percent-encoding: kept as written');
});

test("a Bicep file's module, import and load paths with '#' and '%' in file names name those files", () => {
  const registry = (access: string) => `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'acr'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: ${access}\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n`;
  const files: Record<string, string> = {
    'file:///w/100%25.json': '{ "access": "Enabled" }',
    'file:///w/C%23/shared.bicep': "@export()\nvar access = 'Enabled'\n",
    'file:///w/mods/a%231.bicep': `param access string\n${registry('access')}`,
  };
  const analyze = (text: string) => analyzeDocument({ uri: 'file:///w/main.bicep', text }, { readText: (uri) => files[uri], workspaceRoots: ['file:///w/'] }).findings.map((f) => f.message);
  assert.match(analyze(registry("loadJsonContent('100%.json').access"))[0]!, /publicNetworkAccess is 'Enabled' set at line 1 in 100%\.json/);
  assert.match(analyze(`import { access } from 'C#/shared.bicep'\n${registry('access')}`)[0]!, /publicNetworkAccess is 'Enabled' from variable 'access' in shared\.bicep/);
  assert.match(analyze("module m 'mods/a#1.bicep' = {\n  name: 'm'\n  params: {\n    access: 'Enabled'\n  }\n}\n")[0]!, /publicNetworkAccess is 'Enabled' from parameter 'access' as passed in main\.bicep/);
});

test('relativeFilePath: from the folder of one file to another, decoded; none across schemes or hosts', () => {
  assert.equal(relativeFilePath('file:///w/registry/main.bicep', 'file:///w/app/main.bicep'), '../registry/main.bicep');
  assert.equal(relativeFilePath('file:///w/app/nested/main.json', 'file:///w/app/main.json'), 'nested/main.json');
  assert.equal(relativeFilePath('file:///w/main.bicep', 'file:///w/a/b/main.bicep'), '../../main.bicep');
  assert.equal(relativeFilePath('file:///w/C%23/main.bicep', 'file:///w/main.bicep'), 'C#/main.bicep');
  assert.equal(relativeFilePath('file://server/share/main.bicep', 'file:///w/main.bicep'), undefined);
  assert.equal(relativeFilePath('untitled:main.bicep', 'file:///w/main.bicep'), undefined);
});

test("a module's registry in a file of the same name as the caller's is named by its path from the caller, at every level", () => {
  const registry = "param access string = 'Enabled'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'acr'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n";
  const files: Record<string, string> = {
    'file:///w/registry/main.bicep': registry,
    'file:///w/platform/main.bicep': "module reg '../registry/main.bicep' = {\n  name: 'reg'\n}\n",
    'file:///w/other.bicep': "module reg 'registry/main.bicep' = {\n  name: 'reg'\n}\n",
  };
  const analyze = (uri: string, text: string) => analyzeDocument({ uri, text }, { readText: (u) => files[u], workspaceRoots: ['file:///w/'] }).findings.map((f) => / The registry is declared in .*$/.exec(f.message)?.[0]);
  assert.deepEqual(analyze('file:///w/platform/main.bicep', files['file:///w/platform/main.bicep']!), [' The registry is declared in ../registry/main.bicep.']);
  assert.deepEqual(analyze('file:///w/main.bicep', "module platform 'platform/main.bicep' = {\n  name: 'platform'\n}\n"), [' The registry is declared in registry/main.bicep.']);
  assert.deepEqual(analyze('file:///w/other.bicep', files['file:///w/other.bicep']!), [' The registry is declared in main.bicep.']);
});
