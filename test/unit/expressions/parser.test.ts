import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isExpression } from '../../../server/src/core/evaluate/expressions/jsonString';
import type { Expression } from '../../../server/src/core/evaluate/expressions/ast';
import { parseToken, spanText as textOf } from './harness';

test('expression detection: [[ escapes, trailing text makes a literal', () => {
  assert.equal(isExpression("[parameters('a')]"), true);
  assert.equal(isExpression('[[literal]'), false);
  assert.equal(isExpression('[a] b'), false);
  assert.equal(isExpression('[]'), true);
  assert.equal(isExpression('plain'), false);
});

test('calls, property access and index keep document offsets', () => {
  const document = `{ "x": "[parameters('obj').items[0].name]" }`;
  const { expression, diagnostics } = parseToken(document);
  assert.deepEqual(diagnostics, []);
  assert.equal(expression.kind, 'property');
  assert.equal(textOf(document, expression), "parameters('obj').items[0].name");
  const index = (expression as Extract<Expression, { kind: 'property' }>).target as Extract<Expression, { kind: 'index' }>;
  assert.equal(textOf(document, index.index), '0');
  const call = ((index.target as Extract<Expression, { kind: 'property' }>).target) as Extract<Expression, { kind: 'call' }>;
  assert.equal(textOf(document, call), "parameters('obj')");
  assert.equal(textOf(document, call.args[0]!), "'obj'");
});

test("offsets map through JSON escapes such as \\\" and \\u0041", () => {
  const document = String.raw`{ "x": "[concat('\u0041', \"q\", 'Enabled')]" }`;
  const { expression, diagnostics } = parseToken(document);
  assert.equal(expression.kind, 'call');
  const args = (expression as Extract<Expression, { kind: 'call' }>).args;
  assert.equal(textOf(document, diagnostics[0]!), '\\"', 'a double quote is not an expression token, and its span covers the escape');
  assert.equal(textOf(document, args[0]!), String.raw`'\u0041'`);
  assert.equal((args[0] as { value: string }).value, 'A');
  const clean = String.raw`{ "x": "[concat('\u0041', 'Enabled')]" }`;
  const parsed = parseToken(clean);
  assert.deepEqual(parsed.diagnostics, []);
  assert.equal(textOf(clean, (parsed.expression as Extract<Expression, { kind: 'call' }>).args[1]!), "'Enabled'");
});

test("'' escapes a quote inside a string literal; namespaced user functions", () => {
  const document = `{ "x": "[contoso.greet('it''s')]" }`;
  const { expression } = parseToken(document);
  assert.equal(expression.kind, 'call');
  const call = expression as Extract<Expression, { kind: 'call' }>;
  assert.equal(call.namespace, 'contoso');
  assert.equal(call.name, 'greet');
  assert.equal((call.args[0] as { value: string }).value, "it's");
  assert.equal(textOf(document, call.args[0]!), "'it''s'");
});

test('malformed expressions give an error node and a diagnostic, never a throw', () => {
  for (const bad of ["[concat('a', ]", '[concat(', "['unterminated]", '[foo.]', '[)]', '[a b]', '[]', '[1 +2]']) {
    const document = JSON.stringify({ x: bad });
    const { diagnostics } = parseToken(document);
    assert.ok(diagnostics.length > 0, bad);
    for (const d of diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= document.length, bad);
  }
});

test('10,000 nested calls do not overflow the stack; a 100,000-character expression parses quickly', () => {
  const deep = `[${'not('.repeat(10000)}true()${')'.repeat(10000)}]`;
  const { diagnostics } = parseToken(JSON.stringify({ x: deep }));
  assert.match(diagnostics[0]!.message, /nested more than/);
  const long = `[concat(${Array.from({ length: 14000 }, (_, i) => `'v${i}'`).join(',')})]`;
  assert.ok(long.length > 100000);
  const start = process.hrtime.bigint();
  const parsed = parseToken(JSON.stringify({ x: long }));
  assert.equal(parsed.diagnostics.length, 0);
  assert.ok(Number(process.hrtime.bigint() - start) / 1e6 < 500);
});
