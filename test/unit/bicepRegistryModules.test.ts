/**
 * Registry modules (`br:` and `br/<alias>:`) read where Bicep restores them, `<cache>/br/<registry>/<repository>/<tag>/
 * main.json`: the reference grammar, the cache layout, bicepconfig.json, and findings reported in the caller.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeWith, assertReportedAtPassedValue, COMPILED_REGISTRY_MODULE, HOME } from './restoredModules';
import {
  encodeTag,
  isRestoredModuleUri,
  parseRegistryModuleReference,
  registryModuleConfig,
  restoredModuleName,
  restoredModuleUri,
} from '../../server/src/core/bicep/registryModules';


test('tags are encoded as Bicep names their cache folders: the tag, $, and a mask of its capitals', () => {
  // Bicep's own expectations (TagEncoderTests).
  const cases: [string, string][] = [
    ['', '$'],
    ['v1', 'v1$'],
    ['V1', 'V1$1'],
    ['AbCd', 'AbCd$5'],
    ['ABCD', 'ABCD$f'],
    ['ABCDABCDABCDABCDAB', 'ABCDABCDABCDABCDAB$3ffff'],
    ['ABCDABCDABCDABCDABCDABCDABCDABCDA', 'ABCDABCDABCDABCDABCDABCDABCDABCDA$1ffffffff'],
  ];
  for (const [tag, encoded] of cases) assert.equal(encodeTag(tag), encoded, tag);
  // Past 64 characters the low group is written in full, with its leading zeros.
  assert.equal(encodeTag(`${'a'.repeat(64)}B`), `${'a'.repeat(64)}B$10000000000000000`);
  assert.equal(encodeTag(`${'A'.repeat(128)}`), `${'A'.repeat(128)}$${'f'.repeat(32)}`);
});

test('references: br: with a tag or a digest, the built-in public alias, and aliases from bicepconfig.json', () => {
  assert.deepEqual(parseRegistryModuleReference('br:contoso.azurecr.io/bicep/modules/acr:v1.2'), { registry: 'contoso.azurecr.io', repository: 'bicep/modules/acr', tag: 'v1.2' });
  const digest = `sha256:${'ab'.repeat(32)}`;
  assert.deepEqual(parseRegistryModuleReference(`br:localhost:5000/acr@${digest}`), { registry: 'localhost:5000', repository: 'acr', digest });
  assert.deepEqual(parseRegistryModuleReference('br/public:avm/ptn/aca-lza/hosting-environment:0.4.0'), { registry: 'mcr.microsoft.com', repository: 'bicep/avm/ptn/aca-lza/hosting-environment', tag: '0.4.0' });
  const config = { aliases: new Map([['core', { registry: 'contoso.azurecr.io', modulePath: 'infra/modules' }], ['bare', { registry: 'fabrikam.azurecr.io' }]]) };
  assert.deepEqual(parseRegistryModuleReference('br/core:acr:2024-01', config), { registry: 'contoso.azurecr.io', repository: 'infra/modules/acr', tag: '2024-01' });
  assert.deepEqual(parseRegistryModuleReference('br/bare:acr:v1', config), { registry: 'fabrikam.azurecr.io', repository: 'acr', tag: 'v1' });
  for (const invalid of ['br/nope:acr:v1', 'br:contoso.azurecr.io/Modules/acr:v1', 'br:contoso.azurecr.io/acr', 'br:contoso.azurecr.io/acr:.v1', 'br:contoso.azurecr.io/acr@sha256:abc', 'br:contoso.azurecr.io/../acr:v1', 'br:/acr:v1']) {
    assert.ok('invalid' in parseRegistryModuleReference(invalid, config), invalid);
  }
});

test('the cache path: registry lower-cased with $ for :, repository with $ for /, the encoded tag; named back as referenced', () => {
  const uri = restoredModuleUri({ registry: 'Contoso.azurecr.io:443', repository: 'bicep/modules/acr', tag: 'V1' }, 'file:///home/dev/.bicep');
  assert.equal(uri, 'file:///home/dev/.bicep/br/contoso.azurecr.io%24443/bicep%24modules%24acr/V1%241/main.json');
  assert.ok(isRestoredModuleUri(uri));
  assert.equal(restoredModuleName(uri), 'br:contoso.azurecr.io:443/bicep/modules/acr:V1');
  const digest = `sha256:${'0f'.repeat(32)}`;
  const byDigest = restoredModuleUri({ registry: 'contoso.azurecr.io', repository: 'acr', digest }, 'file:///cache/');
  assert.equal(byDigest, `file:///cache/br/contoso.azurecr.io/acr/sha256%23${'0f'.repeat(32)}/main.json`);
  assert.equal(restoredModuleName(byDigest), `br:contoso.azurecr.io/acr@${digest}`);
  for (const other of ['file:///w/main.json', 'file:///w/br/a/b/main.json', 'file:///w/br/a/b/c/other.json']) assert.equal(isRestoredModuleUri(other), false, other);
});

test('bicepconfig.json: the nearest one up the folders, with comments; aliases added to the built-in one; the cache root', () => {
  const files: Record<string, string> = {
    'file:///w/bicepconfig.json': `{
      // the team's registry
      "moduleAliases": { "br": { "core": { "registry": "contoso.azurecr.io", "modulePath": "modules" }, "broken": { "modulePath": "x" } } },
      "cacheRootDirectory": "~/bicep-cache",
    }`,
    'file:///w/other/bicepconfig.json': '{ "cacheRootDirectory": "/var/cache/bicep" }',
    'file:///w/relative/bicepconfig.json': '{ "cacheRootDirectory": "cache" }',
  };
  const read = (uri: string) => files[uri];
  const nested = registryModuleConfig('file:///w/infra/deep/main.bicep', read, HOME);
  assert.deepEqual([...nested.aliases.keys()].sort(), ['core', 'public']);
  assert.equal(nested.cacheRoot, 'file:///home/dev/bicep-cache');
  assert.equal(registryModuleConfig('file:///w/other/main.bicep', read, HOME).cacheRoot, 'file:///var/cache/bicep');
  // Bicep defines no base for a relative cache root: the default applies.
  assert.equal(registryModuleConfig('file:///w/relative/main.bicep', read, HOME).cacheRoot, undefined);
  const none = registryModuleConfig('file:///elsewhere/main.bicep', read, HOME);
  assert.deepEqual([...none.aliases.keys()], ['public']);
  assert.equal(none.cacheRoot, undefined);
});

const COMPILED_MODULE = JSON.stringify(COMPILED_REGISTRY_MODULE, null, 2);
const RESTORED = 'file:///home/dev/.bicep/br/contoso.azurecr.io/bicep%24modules%24acr/v1%24/main.json';

const analyze = analyzeWith;

test('a restored registry module: judged with the values passed, reported at the value, fixed only in the caller', () => {
  assertReportedAtPassedValue('br:contoso.azurecr.io/bicep/modules/acr:v1', RESTORED, { [RESTORED]: COMPILED_MODULE });
});

test('decided by the restored module\'s own default: reported on the module path, naming the module, with no fix into the cache', () => {
  const text = "module acr 'br:contoso.azurecr.io/bicep/modules/acr:v1' = {\n  name: 'acr'\n  params: {\n    name: 'teamacr'\n  }\n}\n";
  const { analysis } = analyze('file:///w/main.bicep', text, { [RESTORED]: COMPILED_MODULE });
  assert.equal(analysis.findings.length, 1);
  const [finding] = analysis.findings;
  assert.equal(text.slice(finding!.span.start, finding!.span.end), "'br:contoso.azurecr.io/bicep/modules/acr:v1'");
  assert.match(finding!.message, /is 'Enabled' from the default value of parameter 'publicNetworkAccess' \(must be 'Disabled'\)\. The registry is declared in br:contoso\.azurecr\.io\/bicep\/modules\/acr:v1\.$/);
  assert.deepEqual(finding!.fixes().flatMap((fix) => fix.edits.filter((edit) => edit.uri === RESTORED)), []);
});

test('a fix that would also edit the restored module is not offered; the value passed from a .bicepparam file is reported there', () => {
  // The module sets no export policy: fixing it needs an edit in the module, which is Bicep's cache.
  const module = COMPILED_MODULE.replace(/,\s*"policies": \{[^}]*\}\s*\}/, '');
  assert.ok(!module.includes('exportPolicy'));
  const direct = "module acr 'br:contoso.azurecr.io/bicep/modules/acr:v1' = {\n  name: 'acr'\n  params: {\n    name: 'teamacr'\n    publicNetworkAccess: 'Enabled'\n  }\n}\n";
  const passed = analyze('file:///w/main.bicep', direct, { [RESTORED]: module }).analysis;
  assert.equal(passed.findings.length, 1);
  assert.equal(direct.slice(passed.findings[0]!.span.start, passed.findings[0]!.span.end), "'Enabled'");
  assert.deepEqual(passed.findings[0]!.fixes().filter((fix) => fix.edits.some((edit) => edit.uri === RESTORED)).map((fix) => fix.title), []);

  const main = direct.replace("'Enabled'", 'access').replace('module acr', 'param access string\nmodule acr');
  const text = "using './main.bicep'\nparam access = 'Enabled'\n";
  const { analysis } = analyze('file:///w/dev.bicepparam', text, { 'file:///w/main.bicep': main, [RESTORED]: module });
  assert.equal(analysis.findings.length, 1);
  const [finding] = analysis.findings;
  assert.equal(text.slice(finding!.span.start, finding!.span.end), "'Enabled'");
  assert.match(finding!.message, /exportPolicy\.status is missing/);
  for (const fix of finding!.fixes()) for (const edit of fix.edits) assert.notEqual(edit.uri, RESTORED, fix.title);
});

test('an alias and a cache root from bicepconfig.json; a module that is not restored is not followed, silently', () => {
  const cached = 'file:///opt/bicep/br/contoso.azurecr.io/modules%24acr/v1%24/main.json';
  const config = '{ "moduleAliases": { "br": { "core": { "registry": "contoso.azurecr.io", "modulePath": "modules" } } }, "cacheRootDirectory": "/opt/bicep" }';
  const text = "module acr 'br/core:acr:v1' = {\n  name: 'acr'\n  params: {\n    name: 'teamacr'\n  }\n}\nmodule other 'br/core:other:v1' = {\n  name: 'other'\n}\n";
  const { analysis, reads } = analyze('file:///w/infra/main.bicep', text, { 'file:///w/bicepconfig.json': config, [cached]: COMPILED_MODULE });
  assert.deepEqual(analysis.findings.map((f) => text.slice(f.span.start, f.span.end)), ["'br/core:acr:v1'"]);
  assert.ok(reads.includes('file:///opt/bicep/br/contoso.azurecr.io/modules%24other/v1%24/main.json'));
  // The configuration is looked for once per file, however many registry modules it declares; where it was looked
  // for is a dependency (an edited or a new bicepconfig.json changes where modules are).
  const probed = ['file:///w/infra/bicepconfig.json', 'file:///w/bicepconfig.json'];
  assert.deepEqual(reads.filter((uri) => uri.endsWith('/bicepconfig.json')), probed);
  assert.ok(probed.every((uri) => analysis.dependencies.includes(uri)), JSON.stringify(analysis.dependencies));
  assert.deepEqual(analysis.notices, []);
});

test("a .bicepparam file that uses a registry module (using 'br:...'): judged over the restored template, or quietly waiting for it", () => {
  const text = "using 'br:contoso.azurecr.io/bicep/modules/acr:v1'\nparam name = 'teamacr'\nparam publicNetworkAccess = 'Enabled'\n";
  const { analysis } = analyze('file:///w/dev.bicepparam', text, { [RESTORED]: COMPILED_MODULE });
  assert.equal(analysis.findings.length, 1);
  const [finding] = analysis.findings;
  assert.equal(text.slice(finding!.span.start, finding!.span.end), "'Enabled'");
  const fixes = finding!.fixes();
  assert.ok(fixes.some((fix) => fix.edits.length === 1 && fix.edits[0]!.uri === 'file:///w/dev.bicepparam' && fix.edits[0]!.newText === "'Disabled'"));
  for (const fix of fixes) for (const edit of fix.edits) assert.notEqual(edit.uri, RESTORED, fix.title);

  // Without an export policy in the module, the fix at the value would also edit the module: not offered.
  const noPolicy = COMPILED_MODULE.replace(/,\s*"policies": \{[^}]*\}\s*\}/, '');
  const partial = analyze('file:///w/dev.bicepparam', text, { [RESTORED]: noPolicy }).analysis;
  assert.equal(partial.findings.length, 1);
  assert.deepEqual(partial.findings[0]!.fixes().filter((fix) => fix.edits.some((edit) => edit.uri === RESTORED)).map((fix) => fix.title), []);

  const waiting = analyze('file:///w/dev.bicepparam', text, {}).analysis;
  assert.deepEqual([waiting.findings, waiting.notices], [[], []]);
  // Checked when Bicep restores it, or when a bicepconfig.json moves it.
  assert.deepEqual(waiting.dependencies, ['file:///w/bicepconfig.json', 'file:///bicepconfig.json', RESTORED]);
});

test('a local path that starts with br/ or ts/ but has no colon is a local module, as Bicep reads it', () => {
  const text = "module acr 'br/registry.bicep' = {\n  name: 'acr'\n}\nmodule spec 'ts/spec.bicep' = {\n  name: 'spec'\n}\n";
  const registry = "resource r 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'local'\n  properties: {\n    publicNetworkAccess: 'Enabled'\n  }\n}\n";
  const { analysis } = analyze('file:///w/main.bicep', text, { 'file:///w/br/registry.bicep': registry, 'file:///w/ts/spec.bicep': registry.replace("'local'", "'spec'") });
  assert.deepEqual(analysis.findings.map((f) => f.resource.displayName), ['local', 'spec']);
});

test('an AVM resource module of another type is not followed, restored or not: by AVM\'s rules it deploys no registry', () => {
  const storage = 'file:///home/dev/.bicep/br/mcr.microsoft.com/bicep%24avm%24res%24storage%24storage-account/0.9.0%24/main.json';
  const pattern = 'file:///home/dev/.bicep/br/mcr.microsoft.com/bicep%24avm%24ptn%24azd%24aks/0.2.0%24/main.json';
  const text = "module st 'br/public:avm/res/storage/storage-account:0.9.0' = {\n  name: 'st'\n}\nmodule aks 'br/public:avm/ptn/azd/aks:0.2.0' = {\n  name: 'aks'\n}\n";
  // Even a restored one that (against AVM's rules) held a registry is not read.
  const { analysis, reads } = analyze('file:///w/main.bicep', text, { [storage]: COMPILED_MODULE });
  assert.deepEqual(analysis.findings, []);
  assert.ok(!reads.includes(storage) && !analysis.dependencies.includes(storage));
  // A pattern module may deploy anything: it is looked for.
  assert.ok(reads.includes(pattern) && analysis.dependencies.includes(pattern));
  const param = analyze('file:///w/dev.bicepparam', "using 'br/public:avm/res/storage/storage-account:0.9.0'\nparam name = 'st'\n", { [storage]: COMPILED_MODULE });
  assert.deepEqual([param.analysis.findings, param.analysis.notices, param.reads], [[], [], []]);
});
