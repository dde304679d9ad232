/** The rule registry, the manifest and the README stay in step, as the Bicep linter's meta-tests keep them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ALL_RULES } from '../../server/src/core/rules/index';
import { normalizeSettings } from '../../server/src/lsp/settings';

const root = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const readme = readFileSync(resolve(root, 'README.md'), 'utf8');

test('rule ids and refs are unique and rules are sorted by id', () => {
  const ids = ALL_RULES.map((r) => r.metadata.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(new Set(ALL_RULES.map((r) => r.metadata.ref)).size, ids.length);
  assert.deepEqual(ids, [...ids].sort());
});

test('every rule has a file named after its id, a docs link derived from its id, and a README mention', () => {
  const files = readdirSync(resolve(root, 'server/src/core/rules'));
  for (const { metadata } of ALL_RULES) {
    const kebab = metadata.id.split('.').map((part) => part.replace(/([a-z])([A-Z])/g, '$1-$2')).join('-').toLowerCase();
    assert.ok(files.includes(`${kebab}.ts`), `rule file ${kebab}.ts`);
    assert.equal(metadata.docsUrl, `https://azure.github.io/PSRule.Rules.Azure/en/rules/${metadata.id}/`);
    assert.ok(readme.includes(metadata.id), `README mentions ${metadata.id}`);
  }
});

test('the manifest offers a severity setting for every rule with the rule default', () => {
  const properties = manifest.contributes.configuration.properties['acrGuard.rules'].properties;
  assert.deepEqual(Object.keys(properties).sort(), ALL_RULES.map((r) => r.metadata.id).sort());
  for (const { metadata } of ALL_RULES) assert.equal(properties[metadata.id].default, metadata.defaultSeverity);
});

test('the manifest activates on exactly the languages the client selects, ARM Tools\' arm-template included', () => {
  const client = readFileSync(resolve(root, 'client/src/extension.ts'), 'utf8');
  const list = /const LANGUAGES = \[([^\]]*)\]/.exec(client)?.[1];
  assert.ok(list, 'client/src/extension.ts declares LANGUAGES');
  const languages = [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
  // The Azure Resource Manager Tools extension gives every JSON template the language 'arm-template'.
  assert.deepEqual([...languages].sort(), ['arm-template', 'bicep', 'bicep-params', 'json', 'jsonc']);
  assert.deepEqual([...manifest.activationEvents].sort(), languages.map((language) => `onLanguage:${language}`).sort());
});

test('runtime dependencies are pinned exactly and client and server speak the same protocol version', () => {
  for (const [name, version] of Object.entries<string>(manifest.dependencies)) assert.match(version, /^\d+\.\d+\.\d+$/, name);
  const protocolOf = (pkg: string) => JSON.parse(readFileSync(resolve(root, 'node_modules', pkg, 'package.json'), 'utf8')).dependencies['vscode-languageserver-protocol'];
  assert.equal(protocolOf('vscode-languageclient'), protocolOf('vscode-languageserver'));
});

test('every setting the manifest contributes is read by the server and documented in the README', () => {
  const properties: Record<string, { type: string; default: unknown; enum?: unknown[] }> = manifest.contributes.configuration.properties;
  const defaults = normalizeSettings({});
  for (const [key, schema] of Object.entries(properties)) {
    assert.ok(readme.includes(`\`${key}\``), `README documents ${key}`);
    // A value other than the default, nested as the client sends the section: acrGuard.a.b -> { a: { b: value } }.
    const other = schema.enum?.find((allowed) => allowed !== schema.default) ?? 'other';
    const value = { boolean: !schema.default, number: Number(schema.default) + 1, string: other, array: ['other'], object: { 'Azure.ACR.ExportPolicy': 'error' } }[schema.type];
    const path = key.split('.').slice(1);
    const raw = path.reduceRight<unknown>((inner, name) => ({ [name]: inner }), value);
    assert.notDeepEqual(normalizeSettings(raw), defaults, `the server reads ${key}`);
  }
});
