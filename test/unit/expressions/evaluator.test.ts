import { test } from 'node:test';
import assert from 'node:assert/strict';
import { probe, result } from './harness';

const params = (values: Record<string, unknown>) => ({
  parameters: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { type: 'object', defaultValue: value }])),
});

test('parameters: defaults, defaults that reference parameters, required without value', () => {
  const template = { parameters: { a: { type: 'string', defaultValue: 'x' }, b: { type: 'string', defaultValue: "[concat(parameters('a'), 'y')]" }, c: { type: 'string' } } };
  assert.equal(result("[parameters('B')]", template), 'xy');
  const missing = probe("[parameters('c')]", template).value;
  assert.equal(missing.kind, 'unknown');
  assert.deepEqual(missing.kind === 'unknown' && missing.missingParameters, ['c']);
  assert.equal(result("[parameters('nope')]", template), "unknown: parameter 'nope' is not declared");
  const nullable = { parameters: { n: { type: 'string', nullable: true } } };
  assert.equal(result("[parameters('n')]", nullable), null);
});

test('variables reference variables; cycles end as unknown, never a hang', () => {
  const template = { variables: { a: "[variables('b')]", b: "[toUpper('v')]", loop1: "[variables('loop2')]", loop2: "[variables('loop1')]" } };
  assert.equal(result("[variables('A')]", template), 'V');
  assert.match(String(result("[variables('loop1')]", template)), /^unknown: variable 'loop1' refers to itself/);
  const cyclicParameters = { parameters: { p: { type: 'string', defaultValue: "[parameters('q')]" }, q: { type: 'string', defaultValue: "[parameters('p')]" } } };
  assert.match(String(result("[parameters('p')]", cyclicParameters)), /^unknown: parameter 'p' refers to itself/);
});

test('copy variables build arrays with copyIndex', () => {
  const template = { variables: { copy: [{ name: 'names', count: 3, input: "[concat('n', string(copyIndex('names')))]" }] } };
  assert.deepEqual(result("[variables('names')]", template), ['n0', 'n1', 'n2']);
});

test("copy variable counts over ARM's 800, negative or unknown end as unknown with the reason", () => {
  const copy = (count: unknown) => ({ parameters: { n: { type: 'int' } }, variables: { copy: [{ name: 'names', count, input: "[copyIndex('names')]" }] } });
  assert.equal((result("[variables('names')]", copy(800)) as unknown[]).length, 800);
  assert.equal(result("[variables('names')]", copy(801)), "unknown: the copy count of variable 'names' is 801, more than ARM's limit of 800");
  assert.equal(result("[variables('names')]", copy(-1)), "unknown: the copy count of variable 'names' is negative (-1)");
  assert.match(String(result("[variables('names')]", copy("[parameters('n')]"))), /^unknown: the copy count of variable 'names' is not known: parameter 'n' has no value/);
});

test('if is lazy: only the branch taken is evaluated', () => {
  assert.equal(result("[if(true(), 'a', parameters('missing'))]"), 'a');
  assert.equal(result("[if(equals(1, 2), json('not json'), 'b')]"), 'b');
  const template = { parameters: { c: { type: 'bool' } } };
  assert.match(String(result("[if(parameters('c'), 'x', 'y')]", template)), /^unknown: parameter 'c' has no value/);
  assert.equal(result("[if(parameters('c'), 'same', 'same')]", template), 'same');
});

test('logical, comparison and conversion functions', () => {
  assert.equal(result("[and(true(), not(false()), or(false(), true()))]"), true);
  assert.equal(result("[and(false(), parameters('missing'))]"), false, 'and short-circuits');
  assert.equal(result("[equals(createObject('A', 1), createObject('a', 1))]"), true);
  assert.equal(result("[equals('Disabled', 'disabled')]"), false, 'equals is case-sensitive on strings');
  assert.equal(result("[bool('TRUE')]"), true);
  assert.equal(result("[int('42')]"), 42);
  assert.equal(result("[string(createObject('a', 1))]"), '{"a":1}');
  assert.equal(result('[greater(2, 1)]'), true);
  assert.equal(result('[add(2, mul(3, 4))]'), 14);
});

test('empty and coalesce on null, empty string, array and object', () => {
  assert.deepEqual([result("[empty('')]"), result('[empty(createArray())]'), result("[empty(json('{}'))]"), result('[empty(null())]'), result("[empty('x')]")], [true, true, true, true, false]);
  assert.equal(result("[coalesce(null(), '', 'x')]"), '', "'' is not null");
  assert.deepEqual(result("[coalesce(null(), createArray(), 'x')]"), []);
  assert.equal(result('[coalesce(null(), null())]'), null);
  assert.equal(result("[json('null')]"), null);
});

test('string functions', () => {
  assert.equal(result("[format('{0}-{1}', 'a', 2)]"), 'a-2');
  assert.equal(result("[format('{{literal}} {0}', 'x')]"), '{literal} x');
  assert.equal(result("[concat('a', 'b', 1)]"), 'ab1');
  assert.deepEqual(result("[concat(createArray(1), createArray(2))]"), [1, 2]);
  assert.equal(result("[toLower('ABC')]"), 'abc');
  assert.equal(result("[replace('a-b-c', '-', '')]"), 'abc');
  assert.equal(result("[substring('abcdef', 1, 3)]"), 'bcd');
  assert.deepEqual(result("[split('a,b;c', createArray(',', ';'))]"), ['a', 'b', 'c']);
  assert.equal(result("[length('abc')]"), 3);
  assert.equal(result("[first('abc')]"), 'a');
  assert.equal(result("[startsWith('Premium', 'PRE')]"), true);
});

test('objects and arrays: createObject, union (deep), contains, tryGet, first, last', () => {
  assert.deepEqual(result("[union(createObject('a', createObject('x', 1, 'y', 2)), createObject('a', createObject('y', 3), 'b', 4))]"), { a: { x: 1, y: 3 }, b: 4 });
  assert.deepEqual(result("[union(createObject('a', createArray(1, 2)), createObject('a', createArray(3)))]"), { a: [3] }, 'arrays are replaced, not merged');
  assert.deepEqual(result('[union(createArray(1, 2), createArray(2, 3))]'), [1, 2, 3]);
  assert.equal(result("[contains(createObject('Status', 1), 'status')]"), true);
  assert.equal(result("[contains('abc', 'B')]"), false);
  assert.equal(result("[tryGet(createObject('a', createObject('b', 'x')), 'a', 'b')]"), 'x');
  assert.equal(result("[tryGet(createObject('a', 1), 'missing')]"), null);
  assert.equal(result('[last(createArray(1, 2, 3))]'), 3);
  assert.equal(result("[createObject('status', 'disabled').status]"), 'disabled');
  assert.equal(result("[createArray('a', 'b')[1]]"), 'b');
});

test('deployment-time functions are unknown and say why', () => {
  assert.equal(result("[reference('x').properties]"), 'unknown: reference() is evaluated at deployment time');
  assert.equal(result("[listKeys('x', '2020-01-01').keys[0]]"), 'unknown: listKeys() is evaluated at deployment time');
  assert.equal(result('[resourceGroup().location]'), 'unknown: resourceGroup() is known only at deployment time');
  assert.equal(result("[uniqueString('a')]"), 'unknown: uniqueString() is a deterministic hash of deployment values');
  assert.equal(result("[frobnicate('a')]"), "unknown: function 'frobnicate' is not supported");
});

test('user-defined functions see only their own parameters', () => {
  const template = {
    parameters: { outside: { type: 'string', defaultValue: 'no' } },
    functions: [{ namespace: 'acr', members: { status: { parameters: [{ name: 'on', type: 'bool' }], output: { type: 'string', value: "[if(parameters('on'), 'enabled', 'disabled')]" } } } }],
  };
  assert.equal(result('[acr.status(false())]', template), 'disabled');
  assert.equal(result("[acr.missing('x')]", template), "unknown: user function 'acr.missing' is not defined");
});

test('origins: values taken unchanged keep where they were written; computed ones point at the call', () => {
  const template = params({ access: 'Enabled' });
  const fromParameter = probe("[parameters('access')]", template);
  assert.equal(fromParameter.originText, '"Enabled"');
  assert.equal(fromParameter.value.origin?.kind, 'parameterDefault');
  assert.equal(probe("[if(true(), 'Enabled', 'Disabled')]").originText, "'Enabled'");
  assert.equal(probe("[toLower('X')]").originText, "toLower('X')");
  const built = probe("[createObject('status', parameters('access'))]", template).value;
  assert.equal(built.kind === 'object' && built.members.get('status')?.value.origin?.kind, 'parameterDefault');
});

test('budgets: a union bomb doubling an object 60 times ends as unknown, quickly', () => {
  const variables: Record<string, string> = { v0: "[createObject('a', 1)]" };
  for (let i = 1; i <= 60; i++) variables[`v${i}`] = `[union(createObject('x${i}', variables('v${i - 1}')), createObject('y${i}', variables('v${i - 1}')))]`;
  const start = process.hrtime.bigint();
  const value = probe("[variables('v60')]", { variables }).value;
  assert.equal(value.kind, 'unknown');
  assert.match(value.kind === 'unknown' ? value.reason : '', /evaluation budget exceeded/);
  assert.ok(Number(process.hrtime.bigint() - start) / 1e6 < 3000);
  const steps = probe("[concat('a', 'b', 'c', 'd')]", {}, { steps: 3 }).value;
  assert.match(steps.kind === 'unknown' ? steps.reason : '', /evaluation budget exceeded/);
});

test('functions called with too few arguments, or without parentheses, are unknown, never a crash', () => {
  assert.match(String(result("[format{'acr{0}', 'x')]")), /^unknown: format\(\) takes at least 1 arguments, got 0/);
  assert.match(String(result('[tryGet()]')), /^unknown: tryGet\(\) takes at least 2 arguments/);
  assert.match(String(result('[min()]')), /^unknown: min\(\) takes at least 1 arguments/);
});

test('object keys that are expressions are evaluated, as Bicep compiles interpolated keys; `[[` keeps a literal bracket', () => {
  // Bicep's own sample (Variables): '${myStr}': 1 compiles to "[format('{0}', variables('myStr'))]": 1.
  const template = { variables: { myStr: 'str', keyed: { "[format('{0}', variables('myStr'))]": 1, "[format('abc{0}def', variables('myStr'))]": 2, "[string('copy')]": [{ name: 'blah' }], '[[literal]': 3 } } };
  assert.deepEqual(result("[variables('keyed')]", template), { str: 1, abcstrdef: 2, copy: [{ name: 'blah' }], '[literal]': 3 });
  assert.equal(result("[variables('keyed').abcstrdef]", template), 2);
  // A key that cannot be known makes the object unknown: any member could be it.
  assert.match(String(result("[variables('open')]", { variables: { open: { "[resourceGroup().location]": 1, other: 2 } } })), /^unknown: resourceGroup\(\)/);
});

test('createObject and createArray are known when only some values are not, as a literal object or array is', () => {
  const template = { parameters: { missing: { type: 'string' } } };
  // AVM compiles private endpoints to createArray(createObject('subnetResourceId', <deployment-time value>)).
  assert.equal(result("[empty(createArray(createObject('subnetResourceId', parameters('missing'))))]", template), false);
  assert.equal(result("[length(createArray(parameters('missing'), 1))]", template), 2);
  assert.equal(result("[createObject('a', parameters('missing'), 'b', 2).b]", template), 2);
  assert.match(String(result("[createObject('a', parameters('missing')).a]", template)), /^unknown: parameter 'missing' has no value/);
  // A key that is not known still makes the object unknown: any member could be it.
  assert.match(String(result("[createObject(parameters('missing'), 1)]", template)), /^unknown: /);
});
