/**
 * The resource walk passes over top-level resources whose text cannot make them wanted, deployments or parents. It
 * must find exactly what a walk of every resource finds, filtered to the wanted types afterwards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArmDocument } from '../../server/src/core/arm/armDocument';
import { TemplateScope } from '../../server/src/core/arm/templateScope';
import { walkTemplate } from '../../server/src/core/arm/resourceWalker';
import { EvaluationBudget } from '../../server/src/core/evaluate/expressions/evaluator';
import { SELECTED_TYPES } from '../../server/src/core/rules/index';
import { CORPUS, readCorpus, SKIP_REASON } from '../corpus/corpusPath';
import { SCHEMA } from './rules/armCases';

function occurrences(text: string, types?: ReadonlySet<string>): string[] {
  const document = parseArmDocument('file:///w/t.json', text);
  assert.ok(document.root);
  const scope = new TemplateScope(document.uri, document.root, new Map(), new EvaluationBudget(), text);
  return walkTemplate(scope, types ? { types } : {}).map((o) => `${o.type} @${o.node.offset} ${o.label ?? ''} [${o.deploymentPath.join(' / ')}]`);
}

/** What the walk of the wanted types finds, and what walking everything then filtering finds. */
function assertSameAsFullWalk(text: string): string[] {
  const wanted = occurrences(text, SELECTED_TYPES);
  const everything = occurrences(text).filter((o) => SELECTED_TYPES.has(o.slice(0, o.indexOf(' @')).toLowerCase()));
  assert.deepEqual(wanted, everything);
  return wanted;
}

const template = (resources: unknown[]) => JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources }, null, 2);
const storage = (name: string, extra: Record<string, unknown> = {}) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name, ...extra });
const registry = (name: string, type = 'Microsoft.ContainerRegistry/registries') => ({ type, apiVersion: '2025-11-01', name, properties: {} });
const innerDeployment = (name: string, resources: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'Microsoft.Resources/deployments',
  apiVersion: '2022-09-01',
  name,
  ...extra,
  properties: { mode: 'Incremental', expressionEvaluationOptions: { scope: 'inner' }, template: { $schema: SCHEMA, contentVersion: '1.0.0.0', resources } },
});

test('registries among resources it passes over are all found, in document order', () => {
  const found = assertSameAsFullWalk(template([storage('a'), registry('one'), storage('b'), storage('c'), registry('two'), storage('d')]));
  assert.equal(found.length, 2);
});

test('a type in other casing, or spelled with a JSON escape, is still found', () => {
  const escaped = template([storage('a'), registry('x', 'microsoft.containerregistry/REGISTRIES')]).replace('"microsoft.containerregistry', '"microsoft.\\u0063ontainerregistry');
  assert.match(escaped, /\\u0063/);
  assert.equal(assertSameAsFullWalk(escaped).length, 1);
  assert.equal(assertSameAsFullWalk(template([registry('y', 'MICROSOFT.CONTAINERREGISTRY/registries')])).length, 1);
});

test('a registry nested in another resource, or in a deployment repeated by a copy loop, is found every time', () => {
  const parent = { ...storage('p'), resources: [registry('child')] };
  assert.equal(assertSameAsFullWalk(template([storage('a'), parent])).length, 1);
  // Each iteration walks the same inner resources again: the walk goes back to offsets it has passed.
  const looped = innerDeployment('d', [storage('s'), registry('inner')], { copy: { name: 'loop', count: 3 } });
  assert.equal(assertSameAsFullWalk(template([storage('a'), looped, storage('b'), registry('after')])).length, 4);
});

test('each word the walk looks for is found wherever the others fall: deployments, child arrays, escapes, registries', () => {
  // The sieve searches each word on its own and remembers each search: resources that mention one word, another, or
  // none, in every order, must each be judged by their own text.
  const mentions = [
    storage('plain'),
    registry('r'),
    { ...storage('parent'), resources: [registry('child')] },
    innerDeployment('d', [registry('inside')]),
    storage('escaped', { tags: { note: 'a\\u0041b' } }),
    storage('Resources-in-a-value', { tags: { note: 'RESOURCES' } }),
  ];
  let orders = 0;
  for (let first = 0; first < mentions.length; first++) {
    for (let second = 0; second < mentions.length; second++) {
      const resources = [mentions[first], storage('between'), mentions[second], ...mentions.filter((_, i) => i !== first && i !== second)];
      const found = assertSameAsFullWalk(template(resources));
      // Three registries (top level, child, in a deployment), one more when the same holder of one comes twice.
      assert.equal(found.length, first === second && first >= 1 && first <= 3 ? 4 : 3);
      orders++;
    }
  }
  assert.equal(orders, 36);
});

test('a resource that only mentions a registry in a value is walked, and is not one', () => {
  assert.deepEqual(assertSameAsFullWalk(template([storage('a', { tags: { note: 'pairs with Microsoft.ContainerRegistry/registries' } })])), []);
});

test('the walk of the wanted types finds what a full walk finds on every ARM template of the corpus', { skip: SKIP_REASON }, () => {
  let total = 0;
  for (const file of readdirSync(join(CORPUS, 'arm'))) {
    const text = readCorpus(`arm/${file}`);
    if (!parseArmDocument('file:///w/t.json', text).root || !text.includes('"resources"')) continue;
    total += assertSameAsFullWalk(text).length;
  }
  assert.ok(total > 0, 'the corpus has registries');
});

test('in broken templates, as jsonc-parser recovers them, the walk still finds what a full walk finds', () => {
  const text = template([storage('a'), registry('one'), storage('b', { resources: [registry('child')] }), registry('two')]);
  let checked = 0;
  let withRegistries = 0;
  for (let cut = 40; cut < text.length; cut += 23) {
    for (const broken of [text.slice(0, cut), `${text.slice(0, cut)}}${text.slice(cut + 1)}`]) {
      const document = parseArmDocument('file:///w/t.json', broken);
      if (!document.root) continue;
      if (assertSameAsFullWalk(broken).length > 0) withRegistries++;
      checked++;
    }
  }
  assert.ok(checked > 20 && withRegistries > 10, `${checked} broken templates, ${withRegistries} with registries`);
});
