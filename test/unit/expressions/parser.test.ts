/** The ARM expression parser: document offsets through escapes, literals, malformed and deeply nested input. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Expression } from '../../../server/src/core/evaluate/expressions/ast';
import { parseToken, spanText as textOf } from './harness';
import { evaluate, plain } from './testScope';

type Call = Extract<Expression, { kind: 'call' }>;

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

test('spans of nested calls, chained property and index access, and negative numbers are document offsets', () => {
  const document = `{"x": "[ createArray( -12 , parameters('o')['k'] )[0].name ]"}`;
  const { expression, diagnostics } = parseToken(document);
  assert.deepEqual(diagnostics, []);
  assert.equal(textOf(document, expression), "createArray( -12 , parameters('o')['k'] )[0].name");
  const index = (expression as Extract<Expression, { kind: 'property' }>).target as Extract<Expression, { kind: 'index' }>;
  assert.equal(textOf(document, index.index), '0');
  const call = index.target as Call;
  assert.equal(textOf(document, { span: call.nameSpan }), 'createArray');
  assert.deepEqual(call.args[0], { kind: 'number', value: -12, span: { start: document.indexOf('-12'), end: document.indexOf('-12') + 3 } });
  assert.equal(textOf(document, call.args[1]!), "parameters('o')['k']");
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

test("string literals: '' is one quote, and the literal's span covers the escapes as written", () => {
  const document = `{"x": "[concat('it''s', '')]"}`;
  const call = parseToken(document).expression as Call;
  assert.deepEqual(call.args.map((a) => (a as { value: string }).value), ["it's", '']);
  assert.equal(textOf(document, call.args[0]!), "'it''s'");
  assert.equal(textOf(document, call.args[1]!), "''");
});

test('malformed expressions give an error node and a diagnostic, never a throw', () => {
  for (const bad of ["[concat('a', ]", '[concat(', "['unterminated]", '[foo.]', '[)]', '[a b]', '[]', '[1 +2]']) {
    const document = JSON.stringify({ x: bad });
    const { diagnostics } = parseToken(document);
    assert.ok(diagnostics.length > 0, bad);
    for (const d of diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= document.length, bad);
  }
});

test('malformed input: exact diagnostic spans and messages, an error node, never a throw', () => {
  const missingClose = `{"x": "[concat('a', 'b']"}`;
  const first = parseToken(missingClose);
  assert.deepEqual(first.diagnostics.map((d) => [d.message, textOf(missingClose, d)]), [['Expected ")"', '']]);
  assert.equal(first.diagnostics[0]!.span.start, missingClose.indexOf(']"'));
  const unterminated = `{"x": "[concat('a)]"}`;
  assert.deepEqual(parseToken(unterminated).diagnostics.map((d) => [d.message, textOf(unterminated, d)]), [
    ['unterminated string', "'a)"],
    ['Expected ")"', ''],
  ]);
  const trailing = `{"x": "[true() false()]"}`;
  assert.deepEqual(parseToken(trailing).diagnostics.map((d) => [d.message, textOf(trailing, d)]), [["Unexpected 'false' after the expression", 'false']]);
  const empty = `{"x": "[  ]"}`;
  const parsed = parseToken(empty);
  assert.equal(parsed.expression.kind, 'error');
  assert.deepEqual(parsed.diagnostics.map((d) => d.message), ['Expected an expression']);
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

test('10,000 nested calls: one diagnostic from the point where nesting is too deep, and an unknown value', () => {
  const deep = `[${'not('.repeat(10000)}true()${')'.repeat(10000)}]`;
  const document = JSON.stringify({ x: deep });
  const { diagnostics } = parseToken(document);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.message, 'Expression nested more than 200 levels deep');
  assert.equal(diagnostics[0]!.span.start, document.indexOf('not(') + 4 * 201);
  assert.equal(plain(evaluate(deep).value), 'unknown: evaluation budget exceeded: nesting deeper than 200');
});
