/** ARM's key lookups: case-insensitive, the last duplicate wins, and every tree (lazy or recovering) answers alike. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPath, findProperty, findValue, parseJson, parseJsonRecovering, keyOf } from '../../../server/src/core/syntax/json';

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
