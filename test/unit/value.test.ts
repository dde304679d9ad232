import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromJson, getMember, toJson, isAbsent } from '../../server/src/core/evaluate/value';

test('object members are found case-insensitively and round-trip to JSON', () => {
  const value = fromJson({ Properties: { publicNetworkAccess: 'Disabled' } });
  const properties = getMember(value, 'properties');
  assert.ok(properties);
  assert.deepEqual(toJson(getMember(properties, 'PUBLICNETWORKACCESS')!), 'Disabled');
  assert.deepEqual(toJson(value), { Properties: { publicNetworkAccess: 'Disabled' } });
});

test('null and missing are absent, an empty string is not', () => {
  assert.equal(isAbsent(undefined), true);
  assert.equal(isAbsent(fromJson(null)), true);
  assert.equal(isAbsent(fromJson('')), false);
});
