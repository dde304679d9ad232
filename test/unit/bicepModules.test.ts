/** Local Bicep modules: every declaration that calls a module file is judged with its own values; the file is read once. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';

const MODULE = "param name string\nparam access string = 'Enabled'\nresource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: name\n  sku: {\n    name: 'Premium'\n  }\n  properties: {\n    publicNetworkAccess: access\n    policies: {\n      exportPolicy: {\n        status: 'disabled'\n      }\n    }\n  }\n}\n";

test('many declarations of one module: each judged with the values it passes, the module read and listed once', () => {
  const count = 40;
  const main = Array.from({ length: count }, (_, i) => `module m${i} './registry.bicep' = {\n  name: 'm${i}'\n  params: {\n    name: 'r${i}'\n    access: '${i % 2 ? 'Enabled' : 'Disabled'}'\n  }\n}\n`).join('');
  const reads: string[] = [];
  const analysis = analyzeDocument(
    { uri: 'file:///w/main.bicep', text: main },
    { readText: (uri) => (reads.push(uri), uri === 'file:///w/registry.bicep' ? MODULE : undefined), workspaceRoots: ['file:///w/'] },
  );
  assert.deepEqual(reads, ['file:///w/registry.bicep']);
  assert.deepEqual(analysis.dependencies, ['file:///w/registry.bicep']);
  const failing = Array.from({ length: count / 2 }, (_, i) => `r${2 * i + 1}`);
  assert.deepEqual(analysis.findings.map((f) => f.resource.displayName), failing);
  // Each is reported at the value its own declaration passes.
  for (const finding of analysis.findings) {
    const line = main.slice(0, finding.span.start).split('\n').length;
    assert.equal(main.split('\n')[line - 1]!.trim(), "access: 'Enabled'");
    assert.equal(Math.floor((line - 1) / 7), Number(finding.resource.displayName.slice(1)));
  }
});

test('a registry two modules down, its value from a .bicepparam file: one "declared here", at the registry, in its own file', () => {
  const files: Record<string, string> = {
    'file:///w/modules/registry.bicep': MODULE,
    'file:///w/modules/platform.bicep': "param access string = 'Disabled'\nmodule reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    name: 'deep'\n    access: access\n  }\n}\n",
    'file:///w/main.bicep': "param access string = 'Disabled'\nmodule platform './modules/platform.bicep' = {\n  name: 'platform'\n  params: {\n    access: access\n  }\n}\n",
  };
  const text = "using './main.bicep'\nparam access = 'Enabled'\n";
  const analysis = analyzeDocument({ uri: 'file:///w/dev.bicepparam', text }, { readText: (uri) => files[uri], workspaceRoots: ['file:///w/'] });
  assert.equal(analysis.findings.length, 1);
  const [finding] = analysis.findings;
  assert.equal(text.slice(finding!.span.start, finding!.span.end), "'Enabled'");
  const declared = finding!.related.filter((r) => r.message.includes('is declared here'));
  assert.equal(declared.length, 1, JSON.stringify(finding!.related));
  // The registry's own file, at the value that fails there: not a span of another file.
  assert.equal(declared[0]!.location.uri, 'file:///w/modules/registry.bicep');
  assert.equal(MODULE.slice(declared[0]!.location.span.start, declared[0]!.location.span.end), 'access');
  // Every related location lies inside its own file.
  for (const r of finding!.related) {
    const own = r.location.uri === 'file:///w/dev.bicepparam' ? text : files[r.location.uri]!;
    assert.ok(r.location.span.end <= own.length, `${r.location.uri} ${JSON.stringify(r.location.span)}`);
  }
});

test('a registry two modules down decided by its own default: reported on each module path, naming its file once', () => {
  const files: Record<string, string> = {
    'file:///w/modules/registry.bicep': MODULE,
    'file:///w/modules/platform.bicep': "module reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    name: 'deep'\n  }\n}\n",
  };
  const text = "module platform './modules/platform.bicep' = {\n  name: 'platform'\n}\n";
  const analysis = analyzeDocument({ uri: 'file:///w/main.bicep', text }, { readText: (uri) => files[uri], workspaceRoots: ['file:///w/'] });
  assert.deepEqual(analysis.findings.map((f) => text.slice(f.span.start, f.span.end)), ["'./modules/platform.bicep'"]);
  assert.match(analysis.findings[0]!.message, /\(must be 'Disabled'\)\. The registry is declared in registry\.bicep\.$/);
  assert.equal(analysis.findings[0]!.message.match(/is declared in/g)?.length, 1);
  assert.deepEqual(analysis.findings[0]!.related.filter((r) => r.message.includes('is declared here')).map((r) => r.location.uri), ['file:///w/modules/registry.bicep']);
});

test('decided in the middle module and deployed from the top one: the top file names the registry\'s file too', () => {
  const files: Record<string, string> = {
    'file:///w/modules/registry.bicep': MODULE.replace("param access string = 'Enabled'", "param access string = 'Disabled'"),
    'file:///w/modules/platform.bicep': "module reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    name: 'mid'\n    access: 'Enabled'\n  }\n}\n",
  };
  const text = "module platform './modules/platform.bicep' = {\n  name: 'platform'\n}\n";
  const analysis = analyzeDocument({ uri: 'file:///w/main.bicep', text }, { readText: (uri) => files[uri], workspaceRoots: ['file:///w/'] });
  assert.equal(analysis.findings.length, 1);
  assert.match(analysis.findings[0]!.message, /as passed in platform\.bicep \(must be 'Disabled'\)\. The registry is declared in registry\.bicep\.$/);
});

test('a module that cannot deploy a registry at any depth is not evaluated; its files are still depended on; each file is read once', () => {
  const files: Record<string, string> = {
    'file:///w/modules/policy.bicep': "param definition object\nmodule cua './cua.bicep' = {\n  name: 'cua'\n}\n",
    'file:///w/modules/cua.bicep': "resource marker 'Microsoft.Resources/deployments@2022-09-01' = {\n  name: 'pid'\n}\n",
    'file:///w/modules/platform.bicep': "module reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    name: 'deep'\n    access: 'Enabled'\n  }\n}\n",
    'file:///w/modules/registry.bicep': MODULE,
  };
  for (let i = 0; i < 20; i++) files[`file:///w/lib/def${i}.json`] = `{ "name": "def${i}" }`;
  // A policy module deployed once per definition loaded from a file (ALZ's pattern): it deploys no registry.
  const definitions = Array.from({ length: 20 }, (_, i) => `  loadJsonContent('lib/def${i}.json')`).join('\n');
  const policies = `var defs = [\n${definitions}\n]\nmodule policies './modules/policy.bicep' = [for def in defs: {\n  name: def.name\n  params: {\n    definition: def\n  }\n}]\n`;
  const text = `${policies}module platform './modules/platform.bicep' = {\n  name: 'platform'\n}\n`;
  const reads: string[] = [];
  const analysis = analyzeDocument({ uri: 'file:///w/main.bicep', text }, { readText: (uri) => (reads.push(uri), files[uri]), workspaceRoots: ['file:///w/'] });
  // The registry two modules down is found through platform.bicep.
  assert.deepEqual(analysis.findings.map((f) => f.resource.displayName), ['deep']);
  assert.deepEqual(reads.filter((uri) => uri.includes('/lib/')), [], 'no policy module was evaluated');
  assert.deepEqual(reads.filter((uri) => uri.includes('/modules/')).sort(), ['file:///w/modules/cua.bicep', 'file:///w/modules/platform.bicep', 'file:///w/modules/policy.bicep', 'file:///w/modules/registry.bicep']);
  // A registry added to a module deep down changes the verdict: every module file is a dependency.
  for (const uri of ['file:///w/modules/policy.bicep', 'file:///w/modules/cua.bicep', 'file:///w/modules/registry.bicep']) assert.ok(analysis.dependencies.includes(uri), uri);
  const withRegistry: Record<string, string> = { ...files, 'file:///w/modules/cua.bicep': MODULE.replace('param name string', "param name string = 'cuareg'") };
  const again = analyzeDocument({ uri: 'file:///w/main.bicep', text }, { readText: (uri) => withRegistry[uri], workspaceRoots: ['file:///w/'] });
  assert.deepEqual([...new Set(again.findings.map((f) => f.resource.displayName))].sort(), ['cuareg', 'deep']);
});

test("a module deployed by a caller's loop of many items names the caller's variable in each finding, parsing the caller once", () => {
  const count = 60;
  const items = Array.from({ length: count }, (_, i) => `  { name: 'r${i}', access: 'Enabled' }`).join('\n');
  const main = `var items = [\n${items}\n]\nmodule regs './registry.bicep' = [for item in items: {\n  name: 'm-\${item.name}'\n  params: {\n    name: item.name\n    access: item.access\n  }\n}]\n`;
  // Every parse of the caller's text, whoever asks for it.
  const parser = require('../../server/src/core/bicep/parser') as { parseBicep: (text: string, options?: object) => unknown };
  const parse = parser.parseBicep;
  let callerParses = 0;
  parser.parseBicep = (text, options) => ((callerParses += text === main ? 1 : 0), parse(text, options));
  try {
    const analysis = analyzeDocument({ uri: 'file:///w/main.bicep', text: main }, { readText: (uri) => (uri === 'file:///w/registry.bicep' ? MODULE : undefined), workspaceRoots: ['file:///w/'] });
    assert.equal(analysis.findings.length, count);
    assert.match(analysis.findings[7]!.message, /'Enabled' from variable 'items' \(line 9 in main\.bicep\)/);
  } finally {
    parser.parseBicep = parse;
  }
  assert.equal(callerParses, 1);
});

test('a value a caller writes in a module\'s params is fixed there, preferred when the module uses that parameter only in registries', () => {
  const caller = "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    name: 'r1'\n    access: 'Enabled'\n  }\n}\n";
  const analyzeWith = (module: string) =>
    analyzeDocument({ uri: 'file:///w/main.bicep', text: caller }, { readText: (uri) => (uri === 'file:///w/registry.bicep' ? module : undefined), workspaceRoots: ['file:///w/'] });
  const [finding] = analyzeWith(MODULE).findings;
  const fix = finding!.fixes().find((f) => f.title.startsWith('Disable export and public network access'));
  assert.equal(fix?.isPreferred, true, finding!.fixes().map((f) => `${f.title} ${f.isPreferred}`).join('; '));
  assert.deepEqual(fix!.edits.map((e) => [e.uri, caller.slice(e.span.start, e.span.end), e.newText]), [['file:///w/main.bicep', "'Enabled'", "'Disabled'"]]);
  // The module also outputs it: the value is not only the registry's, so the fix is offered but not preferred.
  const [shared] = analyzeWith(`${MODULE}output access string = access\n`).findings;
  assert.equal(shared!.fixes().find((f) => f.title.startsWith('Disable export and public network access'))?.isPreferred, false);
});
