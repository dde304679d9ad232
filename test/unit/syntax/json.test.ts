/** ARM's key lookups: case-insensitive, the last duplicate wins, and every tree (lazy or recovering) answers alike. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findNodeAtOffset } from 'jsonc-parser';
import { findPath, findProperty, findValue, parseJson, parseJsonRecovering, keyOf, nodeAtOffset } from '../../../server/src/core/syntax/json';
import { CORPUS, readCorpus, SKIP_REASON } from '../../corpus/corpusPath';

test('members are found case-insensitively; the last of duplicate keys wins, as in JSON.parse', () => {
  const text = '{"Type": "a", "properties": {"publicNetworkAccess": "x"}, "TYPE": "b", "typ": "c", "types": "d"}';
  for (const root of [parseJson(text).root, parseJsonRecovering(text).root]) {
    assert.equal(findValue(root, 'type')?.value, 'b');
    assert.equal(keyOf(findProperty(root, 'TyPe')!), 'TYPE');
    assert.equal(findPath(root, ['PROPERTIES', 'publicnetworkaccess'])?.value, 'x');
    assert.equal(findValue(root, 'missing'), undefined);
    assert.equal(findValue(root, 'ty'), undefined);
  }
});

test('a key whose lower case is longer than itself (U+0130) still matches its lower-case form', () => {
  const root = parseJson('{"\u0130d": 1, "kelvin\u212a": 2}').root;
  // 'İd'.toLowerCase() is 'i̇d', three characters for two.
  assert.equal(findValue(root, 'i\u0307d')?.value, 1);
  assert.equal(findValue(root, '\u0130D')?.value, 1);
  assert.equal(findValue(root, 'KELVINk')?.value, 2);
});

/** The node jsonc-parser's linear search finds at each offset (right bound included), and ours, as path and span. */
function assertSameNodesAtOffsets(text: string, offsets: Iterable<number>): void {
  const describe = (node: ReturnType<typeof nodeAtOffset>) => (node ? `${node.type}@${node.offset}+${node.length}` : 'none');
  for (const root of [parseJson(text).root, parseJsonRecovering(text).root]) {
    if (!root) continue;
    for (const offset of offsets) assert.equal(describe(nodeAtOffset(root, offset)), describe(findNodeAtOffset(root, offset, true)), `offset ${offset} of ${text.slice(0, 40)}`);
  }
}

test('the node at an offset is the one jsonc-parser finds, at every offset of small and broken documents', () => {
  const texts = ['{}', '[]', '{"a":1}', '{"a": [1, 2, {"b": "c"}], "d": {"e": null}}', '[1,2,3]', '{"a":{"b":{}}}', '{"a": [1, 2', '{"a" 1, "b": }', '{"a": "x",, "b": [}', ' // c\n{"a": /* x */ 1,}', '"s"', '12', '["a""b"]', '{"a":1"b":2}', '[[]{}]'];
  for (const text of texts) assertSameNodesAtOffsets(text, Array.from({ length: text.length + 3 }, (_, i) => i - 1));
});

test('the node at an offset is the one jsonc-parser finds, across the ARM corpus', { skip: SKIP_REASON }, () => {
  for (const name of readdirSync(join(CORPUS, 'arm')).filter((n) => n.endsWith('.json'))) {
    const text = readCorpus(join('arm', name));
    const step = Math.max(1, Math.floor(text.length / 3000));
    assertSameNodesAtOffsets(text, Array.from({ length: Math.ceil(text.length / step) + 1 }, (_, i) => Math.min(i * step + (i % 7), text.length)));
  }
});
