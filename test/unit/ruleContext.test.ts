/** What rules ask of the engine: where ARM parameters and variables are used, and whether only registries use them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { armUsages, createRuleContext } from '../../server/src/core/analysis/ruleContext';

test('ARM usages: every parameters() and variables() call by name, case-insensitive, spaces allowed, kinds apart', () => {
  const text = `["[parameters('access')]", "[PARAMETERS( 'Access' )]", "[variables('access')]", "[parameters('accessTier')]", "[concat(parameters('a'), variables('b'))]", "parameters('access'"]`;
  const usages = armUsages((uri) => (uri === 'file:///t.json' ? text : undefined));
  const at = (needle: string, from = 0) => text.indexOf(needle, from);
  assert.deepEqual(usages('file:///t.json', 'parameter', 'ACCESS'), [at("parameters('access')"), at("PARAMETERS( 'Access' )")]);
  assert.deepEqual(usages('file:///t.json', 'variable', 'access'), [at("variables('access')")]);
  assert.deepEqual(usages('file:///t.json', 'parameter', 'accessTier'), [at("parameters('accessTier')")]);
  assert.deepEqual(usages('file:///t.json', 'parameter', 'a'), [at("parameters('a')")]);
  assert.deepEqual(usages('file:///t.json', 'variable', 'b'), [at("variables('b')")]);
  assert.deepEqual(usages('file:///t.json', 'variable', 'unused'), []);
  assert.equal(usages('file:///missing.json', 'parameter', 'access'), undefined);
});

test('a parameter is dedicated to registries when every use is inside one, asked again or not', () => {
  const text = `{"resources": [{"type": "registry", "p": "[parameters('shared')]", "q": "[parameters('both')]"}, {"type": "registry", "p": "[parameters('shared')]"}, {"type": "other", "p": "[parameters('both')]"}]}`;
  const registries = [0, 1].map((n) => {
    const start = text.indexOf('{"type": "registry"', n === 0 ? 0 : text.indexOf('}, {') + 3);
    return { uri: 'file:///t.json', span: { start, end: text.indexOf('}', start) + 1 } };
  });
  const context = createRuleContext((uri) => (uri === 'file:///t.json' ? text : undefined), { templateUris: ['file:///t.json'], declarations: registries });
  const origin = (name: string) => ({ uri: 'file:///t.json', span: { start: 0, end: 1 }, kind: 'parameterDefault' as const, name });
  for (let asked = 0; asked < 2; asked++) {
    assert.equal(context.isDedicatedToRegistries(origin('shared')), true);
    assert.equal(context.isDedicatedToRegistries(origin('both')), false);
    assert.equal(context.isDedicatedToRegistries(origin('unused')), false);
  }
});
