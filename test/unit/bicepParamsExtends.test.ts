/** `.bicepparam` files that extend others (`extends 'base.bicepparam'`), as Bicep CLI 0.44.1 and later deploy them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';

const TEMPLATE = "param access string = 'Disabled'\nparam status string = 'disabled'\n\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'chained'\n  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: { status: status } }\n  }\n}\n";

function analyze(files: Record<string, string>, open = 'prod.bicepparam') {
  const uri = (name: string) => `file:///w/${name}`;
  const analysis = analyzeDocument({ uri: uri(open), text: files[open]! }, { readText: (u) => Object.entries(files).find(([name]) => uri(name) === u)?.[1], workspaceRoots: ['file:///w/'] });
  return { findings: analysis.findings.map((f) => f.message), notices: analysis.notices.map((n) => n.message), dependencies: analysis.dependencies };
}

test('values pass down a chain of extended files; the nearest assignment wins, and every file is a dependency', () => {
  const files = {
    'main.bicep': TEMPLATE,
    'root.bicepparam': "using none\nparam access = 'Enabled'\nparam status = 'enabled'\n",
    'mid.bicepparam': "using none\nextends 'root.bicepparam'\nparam status = 'disabled'\n",
    'prod.bicepparam': "using 'main.bicep'\nextends './mid.bicepparam'\n",
  };
  assert.deepEqual(analyze(files).findings, ["Container registry 'chained' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access' in root.bicepparam (must be 'Disabled')."]);
  assert.deepEqual(analyze(files).dependencies.filter((d) => d.endsWith('.bicepparam')).sort(), ['file:///w/mid.bicepparam', 'file:///w/root.bicepparam']);
  assert.deepEqual(analyze({ ...files, 'prod.bicepparam': `${files['prod.bicepparam']}param access = 'Disabled'\n` }).findings, []);
});

test('a cycle, a missing file or one outside the workspace is a notice on the extends line, and the rest still counts', () => {
  const files = {
    'main.bicep': TEMPLATE,
    'a.bicepparam': "using none\nextends 'prod.bicepparam'\nparam status = 'enabled'\n",
    'prod.bicepparam': "using 'main.bicep'\nextends 'a.bicepparam'\n",
  };
  const cycle = analyze(files);
  assert.deepEqual(cycle.notices, ["'prod.bicepparam' is already in this chain of extended parameter files (a cycle); it is read once."]);
  assert.match(cycle.findings.join(), /status is 'enabled' from parameter 'status' in a\.bicepparam/);
  assert.deepEqual(analyze({ 'main.bicep': TEMPLATE, 'prod.bicepparam': "using 'main.bicep'\nextends 'gone.bicepparam'\n" }).notices, ["'gone.bicepparam' cannot be read."]);
  assert.deepEqual(analyze({ 'main.bicep': TEMPLATE, 'prod.bicepparam': "using 'main.bicep'\nextends '../../etc/base.bicepparam'\n" }).notices, ["'../../etc/base.bicepparam' is outside the workspace; acr-guard does not read it."]);
});

test('a chain of more extended files than 8 stops with a notice; the files read still count', () => {
  const files: Record<string, string> = { 'main.bicep': TEMPLATE, 'prod.bicepparam': "using 'main.bicep'\nextends 'b1.bicepparam'\n" };
  for (let i = 1; i <= 12; i++) files[`b${i}.bicepparam`] = `using none\n${i < 12 ? `extends 'b${i + 1}.bicepparam'\n` : ''}${i === 3 ? "param access = 'Enabled'\n" : ''}`;
  const { notices, findings, dependencies } = analyze(files);
  assert.deepEqual(notices, ['more than 8 parameter files extend one another; acr-guard reads the first 9.']);
  assert.match(findings.join(), /from parameter 'access' in b3\.bicepparam/);
  assert.equal(dependencies.filter((d) => d.endsWith('.bicepparam')).length, 8);
});

test('what the template loads when it compiles is a dependency of its .bicepparam file', () => {
  const files = {
    'main.bicep': TEMPLATE.replace("param status string = 'disabled'", "param status string = loadJsonContent('settings.json').status"),
    'settings.json': '{ "status": "disabled" }',
    'prod.bicepparam': "using 'main.bicep'\nparam access = 'Disabled'\n",
  };
  const { findings, dependencies } = analyze(files);
  assert.deepEqual(findings, []);
  assert.ok(dependencies.includes('file:///w/settings.json'), dependencies.join());
});
