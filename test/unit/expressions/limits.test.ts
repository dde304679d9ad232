import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrayValue, num } from '../../../server/src/core/evaluate/value';
import { callFunction } from '../../../server/src/core/evaluate/expressions/functions';
import type { Call } from '../../../server/src/core/evaluate/expressions/ast';
import { TestScope, evaluate, plain, timed } from './testScope';

/** Variables v0..v60 where each level holds the previous one twice: 2^60 nodes if ever copied out. */
function doublingVariables(level: (previous: string) => unknown): Record<string, unknown> {
  const variables: Record<string, unknown> = { v0: "[createObject('a', 1)]" };
  for (let i = 1; i <= 60; i++) variables[`v${i}`] = level(`[variables('v${i - 1}')]`);
  return variables;
}

test('createObject doubling a shared variable 60 times ends as unknown, quickly, and so do functions reading it', () => {
  const variables = doublingVariables((previous) => `[createObject('l', ${previous.slice(1, -1)}, 'r', ${previous.slice(1, -1)})]`);
  for (const expression of ["[variables('v60')]", "[string(variables('v60'))]", "[equals(variables('v60'), variables('v60'))]", "[length(variables('v60'))]"]) {
    const { result, ms } = timed(() => evaluate(expression, { variables }).value);
    assert.equal(result.kind, 'unknown', expression);
    assert.match(result.kind === 'unknown' ? result.reason : '', /^evaluation budget exceeded: createObject\(\) builds a value larger than 1000000 nodes$/, expression);
    assert.ok(ms < 1000, `${expression} took ${ms} ms`);
  }
});

test('literal objects that repeat a variable count against the value size, so a literal doubling chain ends too', () => {
  const variables = doublingVariables((previous) => ({ l: previous, r: previous }));
  const { result, ms } = timed(() => evaluate("[string(variables('v60'))]", { variables }).value);
  assert.equal(plain(result), 'unknown: evaluation budget exceeded: a literal object or array builds a value larger than 1000000 nodes');
  assert.ok(ms < 1000, `took ${ms} ms`);
  const small = evaluate({ a: "[variables('big')]", b: "[variables('big')]" }, { variables: { big: '[range(0, 60)]' } }, {}, { valueSize: 100 });
  assert.equal(plain(small.value), 'unknown: evaluation budget exceeded: a literal object or array builds a value larger than 100 nodes');
  const fits = evaluate({ a: "[variables('big')]" }, { variables: { big: '[range(0, 60)]' } }, {}, { valueSize: 100 });
  assert.equal(fits.value.kind, 'object');
});

test('arguments built outside the ARM evaluator (as Bicep literals are) are bounded before a function reads them', () => {
  const scope = new TestScope({ value: null }, {}, { valueSize: 150 });
  const large = arrayValue(Array.from({ length: 200 }, (_, i) => num(i)));
  const call: Call = { kind: 'call', name: 'string', nameSpan: { start: 0, end: 6 }, args: [{ kind: 'number', value: 0, span: { start: 7, end: 8 } }], span: { start: 0, end: 9 } };
  assert.equal(plain(callFunction(call, scope, () => large)), 'unknown: evaluation budget exceeded: an argument of string() builds a value larger than 150 nodes');
  assert.equal(plain(callFunction(call, scope, () => arrayValue([num(1)]))), '[1]');
});

test('strings: a replace() doubling chain and format() alignment stop at the string length limit', () => {
  const variables: Record<string, string> = { s0: "[string('ab')]" };
  for (let i = 1; i <= 60; i++) variables[`s${i}`] = `[replace(variables('s${i - 1}'), 'a', 'aa')]`;
  const { result, ms } = timed(() => evaluate("[length(variables('s60'))]", { variables }, {}, { stringLength: 10_000 }).value);
  assert.equal(plain(result), 'unknown: evaluation budget exceeded: replace() builds a string longer than 10000 characters');
  assert.ok(ms < 1000, `took ${ms} ms`);
  assert.equal(plain(evaluate("[format('{0,1000000000}', 'x')]").value), 'unknown: format() has an alignment of 1000000000 characters');
  assert.equal(plain(evaluate("[length(format('{0,-20}|', 'x'))]").value), 21);
});

test('json() refuses nesting deeper than the depth budget, and brackets inside JSON strings do not count', () => {
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  assert.equal(plain(evaluate(`[json('${deep}')]`).value), 'unknown: evaluation budget exceeded: json() of a value nested deeper than 200');
  assert.deepEqual(plain(evaluate(`[json('["${'['.repeat(500)}\\\\"]')]`).value), [`${'['.repeat(500)}\\`]);
  assert.deepEqual(plain(evaluate(`[json('[[1]]')]`).value), [[1]]);
});

test('union() of two 100,000-item arrays takes linear time and keeps first-seen order', () => {
  const { result, ms } = timed(() => evaluate('[length(union(range(0, 100000), range(50000, 100000)))]').value);
  assert.equal(plain(result), 150_000);
  assert.ok(ms < 2000, `took ${ms} ms`);
  const objects = evaluate("[union(createArray(createObject('A', 1), 'x'), createArray(createObject('a', 1), createObject('a', 2), 'X'))]").value;
  assert.deepEqual(plain(objects), [{ A: 1 }, 'x', { a: 2 }, 'X'], 'object keys compare case-insensitively, strings case-sensitively');
});

test('property copy loops: counts that ARM refuses, or that are not known, give unknown members that say why', () => {
  const loop = (count: unknown) => ({ copy: [{ name: 'items', count, input: "[copyIndex('items', 1)]" }] });
  const member = (count: unknown) => {
    const { value } = evaluate(loop(count), {}, {});
    assert.equal(value.kind, 'object');
    return value.kind === 'object' ? value.members.get('items')!.value : value;
  };
  assert.equal(plain(member(801)), "unknown: the copy count of property 'items' is 801, more than ARM's limit of 800");
  assert.equal(plain(member(-1)), "unknown: the copy count of property 'items' is negative (-1)");
  assert.equal(plain(member('3')), "unknown: the copy count of property 'items' is not an integer");
  assert.equal(plain(member("[reference('x').count]")), "unknown: the copy count of property 'items' is not known: reference() is evaluated at deployment time");
  assert.deepEqual(plain(member(800)), Array.from({ length: 800 }, (_, i) => i + 1));
  assert.deepEqual(plain(member(0)), []);
});

test('property copy loops keep the span of the name they create, for edits', () => {
  const { value, scope } = evaluate({ other: 1, copy: [{ name: 'rules', count: 2, input: { n: "[copyIndex('rules')]" } }] });
  assert.equal(value.kind, 'object');
  const members = value.kind === 'object' ? value.members : new Map();
  assert.equal(scope.textAt(members.get('rules')?.keySpan), '"rules"');
  assert.equal(scope.textAt(members.get('other')?.keySpan), '"other"');
  assert.deepEqual(plain(value), { other: 1, rules: [{ n: 0 }, { n: 1 }] });
});

test('step and depth budgets end evaluation as unknown with the limit in the reason', () => {
  assert.equal(plain(evaluate("[concat('a', 'b', 'c')]", {}, {}, { steps: 3 }).value), 'unknown: evaluation budget exceeded: more than 3 evaluation steps');
  const nested = `[${'concat('.repeat(50)}'x'${')'.repeat(50)}]`;
  assert.equal(plain(evaluate(nested, {}, {}, { depth: 20 }).value), 'unknown: evaluation budget exceeded: nesting deeper than 20');
  assert.equal(plain(evaluate(nested).value), 'x');
});
