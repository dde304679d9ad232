/** Functions that take lambdas, in ARM (`lambda('x', ...)`, `lambdaVariables('x')`) and in Bicep (`x => ...`). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBicep } from '../../../server/src/core/bicep/parser';
import { BicepTemplate } from '../../../server/src/core/bicep/template';
import { toJson } from '../../../server/src/core/evaluate/value';
import { result } from './harness';

/** The plain JSON of Bicep variable `v`, or `unknown: <reason>`. */
function bicep(declarations: string): unknown {
  const template = new BicepTemplate('file:///w/main.bicep', parseBicep(declarations), new Map());
  const value = template.lookup('v')!;
  return value.kind === 'unknown' ? `unknown: ${value.reason}` : toJson(value);
}

const REGISTRIES = [{ name: 'b', access: 'Enabled' }, { name: 'a', access: 'Disabled' }, { name: 'c', access: 'Enabled' }];
const ARM = { parameters: { registries: { type: 'array', defaultValue: REGISTRIES } } };
const BICEP = "param registries array = [\n  { name: 'b', access: 'Enabled' }\n  { name: 'a', access: 'Disabled' }\n  { name: 'c', access: 'Enabled' }\n]\n";
const r = (expression: string) => expression.replace(/\br\b(?=\.)/g, "lambdaVariables('r')").replace(/\bacc\b/g, "lambdaVariables('acc')").replace(/\bi\b/g, "lambdaVariables('i')");

test('map, filter, reduce, sort, toObject, groupBy and mapValues give the same values in ARM and Bicep', () => {
  const cases: [arm: string, bicep: string, expected: unknown][] = [
    [`[map(parameters('registries'), lambda('r', 'i', concat(${r('r.name')}, string(${r('i')}))))]`, "map(registries, (r, i) => '${r.name}${i}')", ['b0', 'a1', 'c2']],
    [`[filter(parameters('registries'), lambda('r', equals(${r('r.access')}, 'Enabled')))]`, "filter(registries, r => r.access == 'Enabled')", [REGISTRIES[0], REGISTRIES[2]]],
    [`[reduce(parameters('registries'), '', lambda('acc', 'r', concat(${r('acc')}, ${r('r.name')})))]`, "reduce(registries, '', (acc, r) => '${acc}${r.name}')", 'bac'],
    [`[map(sort(parameters('registries'), lambda('x', 'y', less(lambdaVariables('x').name, lambdaVariables('y').name))), lambda('r', ${r('r.name')}))]`, 'map(sort(registries, (x, y) => x.name < y.name), r => r.name)', ['a', 'b', 'c']],
    [`[toObject(parameters('registries'), lambda('r', ${r('r.name')}), lambda('r', ${r('r.access')}))]`, 'toObject(registries, r => r.name, r => r.access)', { b: 'Enabled', a: 'Disabled', c: 'Enabled' }],
    [`[toObject(parameters('registries'), lambda('r', ${r('r.name')})).a.access]`, 'toObject(registries, r => r.name).a.access', 'Disabled'],
    [`[groupBy(parameters('registries'), lambda('r', ${r('r.access')})).Enabled]`, 'groupBy(registries, r => r.access).Enabled', [REGISTRIES[0], REGISTRIES[2]]],
    [`[mapValues(createObject('x', 'enabled'), lambda('v', toUpper(lambdaVariables('v'))))]`, "mapValues({ x: 'enabled' }, v => toUpper(v))", { x: 'ENABLED' }],
    // A lambda inside a lambda sees the outer one's variables.
    [`[map(parameters('registries'), lambda('r', length(filter(parameters('registries'), lambda('o', equals(lambdaVariables('o').access, ${r('r.access')}))))))]`, 'map(registries, r => length(filter(registries, o => o.access == r.access)))', [2, 1, 2]],
  ];
  for (const [arm, bicepExpression, expected] of cases) {
    assert.deepEqual(result(arm, ARM), expected, arm);
    assert.deepEqual(bicep(`${BICEP}var v = ${bicepExpression}\n`), expected, bicepExpression);
  }
});

test('what cannot be known stays unknown and says why', () => {
  assert.equal(bicep("param items array\nvar v = map(items, x => x)\n"), "unknown: parameter 'items' has no value");
  assert.equal(bicep("param p string\nvar v = filter(['a', 'b'], x => x == p)\n"), "unknown: parameter 'p' has no value");
  // map() keeps the items it can know; only reading an unknown one is unknown.
  assert.equal(bicep("param p string\nvar v = map(['a', 'b'], x => x == 'a' ? x : p)[0]\n"), 'a');
  assert.equal(bicep("var v = filter(['a'], x => 'yes')\n"), 'unknown: the lambda of filter() must return a boolean');
  assert.equal(bicep("var v = toObject([1], x => x)\n"), 'unknown: the key lambda of toObject() must return a string');
  assert.equal(bicep("var v = map(['a'])\n"), 'unknown: map() expects an array and a lambda');
  assert.equal(bicep("var v = map({ a: 1 }, x => x)\n"), 'unknown: map() expects an array');
  assert.equal(result("[lambdaVariables('x')]"), "unknown: lambdaVariables('x') is not inside a lambda with that parameter");
  assert.equal(result("[map(createArray(1), lambda(1, 2))]"), 'unknown: lambda() expects parameter names as strings, then an expression');
});

test('lambdas are bounded by the evaluation budget', () => {
  // 200 x 200 x 200 lambda calls: far beyond the budget, which must stop it with a reason rather than run on.
  const started = Date.now();
  const value = bicep('var n = range(0, 200)\nvar v = map(n, a => map(n, b => length(filter(n, c => c == a + b))))[199][199]\n');
  assert.match(String(value), /^unknown: evaluation budget exceeded/);
  assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
});
