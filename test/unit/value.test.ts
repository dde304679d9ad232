import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromJson, getMember, toJson, isAbsent, relabelLiteral, unknown, withOrigin, type Origin, type Value } from '../../server/src/core/evaluate/value';

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

test('a value with another origin keeps everything else, of every kind, and leaves the original as it was', () => {
  const before: Origin = { uri: 'file:///a.json', span: { start: 10, end: 20 }, kind: 'literal' };
  const after: Origin = { uri: 'file:///b.json', span: { start: 1, end: 2 }, kind: 'parameterDefault', name: 'access' };
  const values: Value[] = [
    ...[ 'Enabled', 3, true, null, { a: 1 }, [1, 'x'] ].map((json) => fromJson(json, before)),
    unknown('no value', before, ['access']),
    unknown('reference() is evaluated at deployment time', before),
  ];
  for (const value of values) {
    const copy = withOrigin(value, after);
    assert.deepEqual(copy, { ...value, origin: after }, value.kind);
    assert.equal(value.origin, before);
  }
  // A literal written inside the declaration is relabelled as the parameter's; one written elsewhere is kept.
  const relabelled = relabelLiteral(fromJson('Enabled', before), { start: 0, end: 30 }, 'parameterDefault', 'access');
  assert.deepEqual(relabelled.origin, { ...before, kind: 'parameterDefault', name: 'access' });
  const elsewhere = fromJson('Enabled', before);
  assert.equal(relabelLiteral(elsewhere, { start: 25, end: 30 }, 'parameterDefault', 'access'), elsewhere);
});
