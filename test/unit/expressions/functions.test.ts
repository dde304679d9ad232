import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nullValue, str, unknown } from '../../../server/src/core/evaluate/value';
import { evaluate, plain } from './testScope';

const result = (expression: unknown, sections = {}) => plain(evaluate(expression, sections).value);

test('format(): .NET standard number formats in the invariant culture, alignment and brace escapes', () => {
  assert.equal(result("[format('{0:N0}', 8175133)]"), '8,175,133');
  assert.equal(result("[format('{0:N}', -1234)]"), '-1,234.00');
  assert.equal(result("[format('{0:n1}', 999)]"), '999.0');
  assert.equal(result("[format('{0:D5}|{1:d}', 42, -7)]"), '00042|-7');
  assert.equal(result("[format('{0:X}-{0:x4}-{1:X}', 255, -1)]"), 'FF-00ff-FFFFFFFFFFFFFFFF');
  assert.equal(result("[format('{0:F1} {0:G}', 3)]"), '3.0 3');
  assert.equal(result("[format('[{0,5}][{0,-5}]', 'ab')]"), '[   ab][ab   ]');
  assert.equal(result("[format('{{{0}}}', 'x')]"), '{x}');
  assert.equal(result("[format('{0:N2}', 'text')]"), 'text', 'values that are not numbers ignore the format');
  assert.equal(result("[format('{0}/{1}', true(), null())]"), 'True/');
});

test('format(): malformed patterns and unsupported formats are unknown and say why', () => {
  assert.equal(result("[format('{1}', 'a')]"), 'unknown: format() refers to argument 1, but has only 1');
  assert.equal(result("[format('{0', 'a')]"), "unknown: format() has an unclosed '{' at position 0");
  assert.equal(result("[format('a}b', 'a')]"), "unknown: format() has an unmatched '}' at position 1");
  assert.equal(result("[format('{x}', 'a')]"), "unknown: format() has a malformed format item '{x}'");
  assert.equal(result("[format('{0:C}', 1)]"), "unknown: format() uses the number format 'C', which is not supported");
  assert.equal(result("[format('{0:#,##0}', 1)]"), "unknown: format() uses the custom number format '#,##0', which is not supported");
});

test('string() and format() of values with unknown parts are unknown for that reason, never empty; concat() of them is unknown too', () => {
  const variables = { withReference: { name: 'x', id: "[reference('r').id]" } };
  const reason = 'unknown: reference() is evaluated at deployment time';
  assert.equal(result("[string(variables('withReference'))]", { variables }), reason);
  assert.equal(result("[format('{0}', variables('withReference'))]", { variables }), reason);
  assert.equal(result("[concat('a', variables('withReference').id)]", { variables }), reason);
  assert.equal(result("[concat('a', variables('withReference'))]", { variables }), 'unknown: concat() expects strings or arrays');
  assert.equal(result("[string(variables('withReference').name)]", { variables }), 'x');
});

test('equals() is unknown only when the known parts agree; the same value always equals itself', () => {
  const variables = { a: { id: "[reference('r').id]", n: 1 }, b: { id: "[reference('s').id]", n: 1 }, c: { id: "[reference('s').id]", n: 2 } };
  assert.equal(result("[equals(variables('a'), variables('a'))]", { variables }), true);
  assert.equal(result("[equals(variables('a'), variables('b'))]", { variables }), 'unknown: reference() is evaluated at deployment time');
  assert.equal(result("[equals(variables('a'), variables('c'))]", { variables }), false);
  assert.equal(result("[equals(variables('a'), createObject('n', 1))]", { variables }), false, 'a different set of keys');
  assert.equal(result("[equals(createArray(1, 'A'), createArray(1, 'a'))]"), false);
});

test('contains() on arrays with unknown items is unknown unless a known item matches', () => {
  const variables = { list: ["[reference('r').id]", 'x'] };
  assert.equal(result("[contains(variables('list'), 'x')]", { variables }), true);
  assert.equal(result("[contains(variables('list'), 'y')]", { variables }), 'unknown: reference() is evaluated at deployment time');
  assert.equal(result("[contains(createArray('x'), 'y')]"), false);
});

test('coalesce(): an unknown before the first non-null is unknown; all null keeps the last null and where it came from', () => {
  const parameters = { missing: unknown("parameter 'missing' has no value"), empty: str('') };
  const { value, scope } = evaluate("[coalesce(null(), json('null'))]");
  assert.equal(value.kind, 'null');
  assert.equal(scope.textAt(value.origin?.span), "json('null')");
  assert.equal(plain(evaluate("[coalesce(null(), parameters('missing'), 'x')]", {}, parameters).value), "unknown: parameter 'missing' has no value");
  assert.equal(plain(evaluate("[coalesce(parameters('empty'), parameters('missing'))]", {}, parameters).value), '');
  assert.equal(result('[coalesce()]'), 'unknown: coalesce() takes at least 1 arguments, got 0');
});

test('coalesce() and if() evaluate only what they return', () => {
  const { value, scope } = evaluate("[coalesce(parameters('a'), parameters('b'), parameters('c'))]", {}, { a: nullValue(), b: str('B'), c: str('C') });
  assert.equal(plain(value), 'B');
  assert.deepEqual(scope.lookups, ['parameters:a', 'parameters:b']);
  const lazy = evaluate("[if(equals(parameters('sku'), 'Premium'), variables('premium'), variables('basic'))]", { variables: { premium: 'p', basic: 'b' } }, { sku: str('Premium') });
  assert.equal(plain(lazy.value), 'p');
  assert.deepEqual(lazy.scope.lookups, ['parameters:sku', 'variables:premium']);
});

test('createObject() keeps the span of keys written as literals, and the origins of its values', () => {
  const parameters = { status: str('disabled', { uri: 'file:///params.json', span: { start: 10, end: 20 }, kind: 'parameterValue', name: 'status' }), key: str('dynamic') };
  const { value, scope } = evaluate("[createObject('status', parameters('status'), parameters('key'), 1)]", {}, parameters);
  assert.equal(value.kind, 'object');
  if (value.kind !== 'object') return;
  const status = value.members.get('status')!;
  assert.equal(scope.textAt(status.keySpan), "'status'");
  assert.equal(status.value.origin?.kind, 'parameterValue');
  assert.equal(status.value.origin?.uri, 'file:///params.json');
  assert.equal(value.members.get('dynamic')!.keySpan, undefined, 'a key from a parameter was not written here');
  assert.equal(scope.textAt(value.origin?.span), "createObject('status', parameters('status'), parameters('key'), 1)");
});

test('property and index access name the kind they cannot read', () => {
  assert.equal(result("[createObject('a', 1)[0]]"), "unknown: cannot read '0' of an object");
  assert.equal(result("[createArray(1).name]"), "unknown: cannot read 'name' of an array");
  assert.equal(result("[string('x').name]"), "unknown: cannot read 'name' of a string");
});

test('user functions bind their parameters and see nothing of the calling template', () => {
  const functions = { acr: { status: { parameters: ['sku', 'wanted'], output: "[if(equals(parameters('sku'), 'Premium'), parameters('wanted'), variables('fallback'))]" } } };
  const sections = { functions, variables: { fallback: 'x' } };
  assert.equal(result("[acr.status('Premium', 'disabled')]", sections), 'disabled');
  assert.equal(result("[ACR.Status('Basic', 'disabled')]", sections), "unknown: variable 'fallback' is not declared");
  assert.equal(result("[acr.status('Premium')]", sections), "unknown: user function 'acr.status' takes 2 arguments, got 1");
});

test('min() and max() of arguments or of one array, also a large one', () => {
  assert.equal(result('[max(3, 7, -1)]'), 7);
  assert.equal(result('[min(createArray(4, 2, 9))]'), 2);
  assert.equal(result('[max(range(0, 300000))]'), 299999);
  assert.equal(result('[min(range(5, 300000))]'), 5);
});

test('join(), flatten(), padLeft(), base64() and base64ToString() as ARM computes them; deployer() is known only at deployment', () => {
  assert.equal(result("[join(createArray('Dis', 'abled'), '')]"), 'Disabled');
  assert.equal(result("[join(createArray('a', 'b', 'c'), ', ')]"), 'a, b, c');
  assert.equal(result("[join(createArray('a', 1), ',')]"), 'unknown: join() expects an array of strings and a delimiter');
  assert.deepEqual(result("[flatten(createArray(createArray('a'), createArray('b', 'c'), createArray()))]"), ['a', 'b', 'c']);
  assert.equal(result("[flatten(createArray('a'))]"), 'unknown: flatten() expects an array of arrays');
  assert.equal(result("[padLeft(7, 3, '0')]"), '007');
  assert.equal(result("[padLeft('ab', 4)]"), '  ab');
  assert.equal(result("[padLeft('abcdef', 3, '0')]"), 'abcdef');
  assert.equal(result("[padLeft('ab', 4, '00')]"), 'unknown: padLeft() expects a value, a length and one padding character');
  // UTF-8 underneath, as ARM encodes: an accented letter and an astral character round-trip.
  assert.equal(result("[base64('Disabled')]"), 'RGlzYWJsZWQ=');
  assert.equal(result("[base64('caf\u00e9 \ud83d\udc33')]"), 'Y2Fmw6kg8J+Qsw==');
  assert.equal(result("[base64ToString('Y2Fmw6kg8J+Qsw==')]"), 'caf\u00e9 \ud83d\udc33');
  assert.equal(result("[base64ToString(base64('Disabled'))]"), 'Disabled');
  assert.match(String(result("[base64ToString('%%%')]")), /^unknown: base64ToString\(\)/);
  assert.equal(result('[deployer().objectId]'), 'unknown: deployer() is the identity that runs the deployment');
});
