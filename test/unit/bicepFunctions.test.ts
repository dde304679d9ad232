/** Bicep user-defined functions (`func`): evaluated with their own parameters only, as Bicep allows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBicep } from '../../server/src/core/bicep/parser';
import { BicepTemplate, CompileTimeFiles } from '../../server/src/core/bicep/template';
import { toJson } from '../../server/src/core/evaluate/value';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';

function value(source: string, files: Record<string, string> = {}): unknown {
  const read = (uri: string) => files[uri.replace('file:///w/', '')];
  const v = new BicepTemplate('file:///w/main.bicep', parseBicep(source), new Map(), new CompileTimeFiles(read)).lookup('v')!;
  return v.kind === 'unknown' ? `unknown: ${v.reason}` : toJson(v);
}

test('a function returns its body with its arguments bound, and may call the file\'s other functions', () => {
  const functions = "func access(env string) string => env == 'prod' ? 'Disabled' : 'Enabled'\nfunc both(env string) object => { access: access(env), status: toLower('DISABLED') }\n";
  assert.equal(value(`${functions}var v = access('prod')\n`), 'Disabled');
  assert.deepEqual(value(`${functions}param env string = 'dev'\nvar v = both(env)\n`), { access: 'Enabled', status: 'disabled' });
  // Lambdas inside a function see the function's parameters.
  assert.deepEqual(value("func names(prefix string, count int) array => map(range(0, count), i => '${prefix}${i}')\nvar v = names('acr', 2)\n"), ['acr0', 'acr1']);
});

test('a function whose parameters or object types span several lines, as Bicep allows, is read too', () => {
  const multiLine = "func url(\n  https bool,\n  hostname string\n) string => '${https ? 'https' : 'http'}://${hostname}'\nvar v = url(true, 'contoso.azurecr.io')\n";
  assert.equal(value(multiLine), 'https://contoso.azurecr.io');
  const trailingComma = "func pick(\n  env string,\n  settings {\n    prod: string\n    dev: string\n  },\n) string => env == 'prod' ? settings.prod : settings.dev\nvar v = pick('prod', { prod: 'Disabled', dev: 'Enabled' })\n";
  assert.equal(value(trailingComma), 'Disabled');
  const objectResult = "func shape(access string) {\n  access: string\n} => { access: access }\nvar v = shape('Disabled').access\n";
  assert.equal(value(objectResult), 'Disabled');
});

test("a function sees none of the file's parameters or variables, takes exactly its arguments, and cannot recurse forever", () => {
  assert.equal(value("param p string = 'x'\nfunc leak() string => p\nvar v = leak()\n"), "unknown: 'p' is not declared");
  assert.equal(value("func one(a string) string => a\nvar v = one('a', 'b')\n"), "unknown: function 'one' takes 1 argument, got 2");
  assert.match(String(value('func loop(n int) int => loop(n + 1)\nvar v = loop(0)\n')), /^unknown: evaluation budget exceeded/);
  // A function whose definition is not read stays a function the analysis does not know.
  assert.equal(value("func noArrow(a string) string\nvar v = noArrow('x')\n"), "unknown: function 'noArrow' is not supported");
});

test('an imported function runs in the file that exports it, by name or through a namespace; one not exported is unknown', () => {
  const shared = "@export()\nfunc accessFor(env string) string => env == 'prod' ? closed() : 'Enabled'\nfunc closed() string => 'Disabled'\nfunc hidden() string => 'x'\n";
  const files = { 'shared.bicep': shared };
  assert.equal(value("import { accessFor } from 'shared.bicep'\nvar v = accessFor('prod')\n", files), 'Disabled');
  assert.equal(value("import { accessFor as access } from './shared.bicep'\nvar v = access('dev')\n", files), 'Enabled');
  assert.equal(value("import * as lib from 'shared.bicep'\nvar v = lib.accessFor('prod')\n", files), 'Disabled');
  assert.equal(value("import * as lib from 'shared.bicep'\nvar v = lib.hidden()\n", files), "unknown: 'hidden' is not an exported function of 'shared.bicep'");
  assert.equal(value("import { hidden } from 'shared.bicep'\nvar v = hidden()\n", files), "unknown: 'hidden' is not an exported function of 'shared.bicep'");
  assert.equal(value("import { gone } from 'missing.bicep'\nvar v = gone()\n", files), "unknown: 'gone' is imported from 'missing.bicep', which cannot be read (missing, or outside the workspace)");
});

test('nameof() gives the name of a symbol or of the last property accessed; a lambda in parentheses is still a lambda', () => {
  const declarations = "var settings = { network: { access: 'x' } }\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'acr'\n}\n";
  assert.equal(value(`${declarations}var v = nameof(settings)\n`), 'settings');
  assert.equal(value(`${declarations}var v = nameof(settings.network.access)\n`), 'access');
  assert.equal(value(`${declarations}var v = nameof(acr.properties)\n`), 'properties');
  assert.equal(value(`${declarations}var v = sys.nameof(acr)\n`), 'acr');
  assert.match(String(value(`${declarations}var v = nameof('abc')\n`)), /^unknown: nameof\(\) /);
  // Bicep's own sample (Lambdas): map([123], (i => '${i}')).
  assert.deepEqual(value("var v = map([123], (i => '${i}'))\n"), ['123']);
  assert.deepEqual(value("var v = reduce([1, 2], 0, ((acc, x) => acc + x))\n"), 3);
});

test('a safe access makes the rest of its chain safe: a.?b.c is null when b is missing, as Bicep compiles it to tryGet(a, b, c)', () => {
  // AVM's ai-platform baseline: virtualNetworkConfiguration.?subnet.networkSecurityGroupResourceId == null.
  assert.equal(value("param cfg object = {}\nvar v = cfg.?subnet.networkSecurityGroupResourceId == null\n"), true);
  assert.equal(value("param cfg object = { subnet: {} }\nvar v = cfg.?subnet.id\n"), null);
  assert.equal(value("param cfg object = { subnet: { ids: ['a'] } }\nvar v = cfg.?subnet.ids[1]\n"), null);
  assert.equal(value("param cfg object = { subnet: { id: 'x' } }\nvar v = cfg.?subnet.id\n"), 'x');
  // Without a safe access the chain is strict: reading a member of null fails.
  assert.match(String(value("param cfg object = {}\nvar v = cfg.subnet.id\n")), /^unknown: /);
  // A parenthesized safe access ends its chain.
  assert.match(String(value("param cfg object = {}\nvar v = (cfg.?subnet).id\n")), /^unknown: /);
  // [?key] is null where nothing is there, not where what is there is unknown (AVM's flexible servers: a lookup table
  // whose entry is a required parameter without a value).
  const table = "param zone int\nparam mode string = 'SameZone'\n";
  assert.match(String(value(`${table}var v = { Disabled: -1, SameZone: zone }[?mode]\n`)), /^unknown: /);
  assert.equal(value(`${table}var v = { Disabled: -1 }[?mode]\n`), null);
  assert.equal(value(`${table}var v = { Disabled: -1, samezone: 2 }[?mode]\n`), 2);
  assert.match(String(value(`${table}var v = [zone][?0]\n`)), /^unknown: /);
  assert.equal(value(`${table}var v = [zone][?3]\n`), null);
  assert.equal(value(`${table}var v = [zone][?-1]\n`), null);
});

test("a resource's or module's name, type and API version are known where Bicep knows them, when it compiles", () => {
  const declarations = [
    "param prefix string = 'team'",
    "resource store 'Microsoft.Storage/storageAccounts@2023-01-01' = if (prefix != 'x') {\n  name: '${prefix}store'\n}",
    "resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'shared-kv'\n}",
    "resource many 'Microsoft.Storage/storageAccounts@2023-01-01' = [for i in range(0, 2): {\n  name: 'st${i}'\n}]",
    "module net './net.bicep' = {\n  name: 'network'\n}",
  ].join('\n') + '\n';
  assert.equal(value(`${declarations}var v = '${'${store.name}'}acr'\n`), 'teamstoreacr');
  assert.equal(value(`${declarations}var v = store.type\n`), 'Microsoft.Storage/storageAccounts');
  assert.equal(value(`${declarations}var v = store.apiVersion\n`), '2023-01-01');
  assert.equal(value(`${declarations}var v = vault.name\n`), 'shared-kv');
  assert.equal(value(`${declarations}var v = net.name\n`), 'network');
  // What only the deployment knows stays unknown; a loop's symbol is a collection.
  assert.match(String(value(`${declarations}var v = store.id\n`)), /^unknown: /);
  assert.match(String(value(`${declarations}var v = store.properties.primaryEndpoints\n`)), /^unknown: /);
  assert.match(String(value(`${declarations}var v = many.name\n`)), /^unknown: /);
  // A lambda parameter or loop item of the same name is that value, not the resource.
  assert.deepEqual(value(`${declarations}var v = map([{ name: 'own' }], store => store.name)\n`), ['own']);
});

test('a resource or module whose condition is false is not deployed: a safe access to it gives null', () => {
  // AVM's web/site host-name-binding: thumbprint ?? sslCertificate.?outputs.?thumbprint, the module deployed only with a certificate.
  const declarations = "param certificate string = ''\nmodule sslCertificate './cert.bicep' = if (!empty(certificate)) {\n  name: 'cert'\n}\n";
  assert.equal(value(`${declarations}var v = sslCertificate.?outputs.?thumbprint\n`), null);
  assert.match(String(value(`${declarations.replace("= ''", "= 'pfx'")}var v = sslCertificate.?outputs.?thumbprint\n`)), /^unknown: 'sslCertificate' is known only at deployment time/);
  // Without a safe access, reading an output of a module that is not deployed fails.
  assert.match(String(value(`${declarations}var v = sslCertificate.outputs.thumbprint\n`)), /^unknown: /);
});

test("a registry whose publicNetworkAccess goes through intersection() or uriComponentToString() is judged, not 'cannot be verified'", () => {
  const registry = (access: string) =>
    `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: ${access}\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n`;
  const verdicts = (text: string) => analyzeDocument({ uri: 'file:///w/main.bicep', text }).findings.map((f) => f.message);
  const settings = "var allowed = ['Disabled', 'Enabled']\nvar shared = { publicNetworkAccess: 'Enabled', sku: 'Premium' }\n";
  assert.deepEqual(verdicts(`${settings}${registry("first(intersection(['Disabled'], allowed))")}`), []);
  const open = verdicts(`${settings}${registry("intersection(shared, { publicNetworkAccess: 'Enabled' }).publicNetworkAccess")}`);
  assert.equal(open.length, 1);
  assert.match(open[0]!, /publicNetworkAccess is 'Enabled'/);
  assert.doesNotMatch(open[0]!, /cannot be verified/);
  assert.deepEqual(verdicts(`${settings}${registry("uriComponentToString('Dis%61bled')")}`), []);
});
