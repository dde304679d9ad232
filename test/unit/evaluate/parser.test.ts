import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJsonString, nestingDepth } from '../../../server/src/core/evaluate/expressions/jsonString';
import type { Expression } from '../../../server/src/core/evaluate/expressions/ast';
import { parseToken, spanText as at } from '../expressions/harness';
import { evaluate, plain } from './testScope';

type Call = Extract<Expression, { kind: 'call' }>;

test('decoding maps every decoded character to its document offset through each JSON escape', () => {
  const document = String.raw`{"k": "a\"b\\c\/d\n\u0041\tz"}`;
  const start = document.indexOf('"a');
  const decoded = decodeJsonString(document, start, document.length - 1);
  assert.equal(decoded.value, 'a"b\\c/d\nA\tz');
  const raw = [...decoded.value].map((_, i) => document.slice(decoded.offsetOf(i), decoded.offsetOf(i + 1)));
  assert.deepEqual(raw, ['a', '\\"', 'b', '\\\\', 'c', '\\/', 'd', '\\n', '\\u0041', '\\t', 'z']);
  assert.equal(document[decoded.offsetOf(decoded.value.length)], '"', 'the end maps to the closing quote');
});

test('raw line breaks inside a string (which ARM accepts) are kept and mapped', () => {
  const document = `{"k": "[concat('a',\r\n  'b')]"}`;
  const { expression, diagnostics } = parseToken(document);
  assert.deepEqual(diagnostics, []);
  assert.equal(at(document, (expression as Call).args[1]!), "'b'");
});

test('spans of nested calls, chained property and index access, and negative numbers are document offsets', () => {
  const document = `{"x": "[ createArray( -12 , parameters('o')['k'] )[0].name ]"}`;
  const { expression, diagnostics } = parseToken(document);
  assert.deepEqual(diagnostics, []);
  assert.equal(at(document, expression), "createArray( -12 , parameters('o')['k'] )[0].name");
  const index = (expression as Extract<Expression, { kind: 'property' }>).target as Extract<Expression, { kind: 'index' }>;
  assert.equal(at(document, index.index), '0');
  const call = index.target as Call;
  assert.equal(at(document, { span: call.nameSpan }), 'createArray');
  assert.deepEqual(call.args[0], { kind: 'number', value: -12, span: { start: document.indexOf('-12'), end: document.indexOf('-12') + 3 } });
  assert.equal(at(document, call.args[1]!), "parameters('o')['k']");
});

test("string literals: '' is one quote, and the literal's span covers the escapes as written", () => {
  const document = `{"x": "[concat('it''s', '')]"}`;
  const call = parseToken(document).expression as Call;
  assert.deepEqual(call.args.map((a) => (a as { value: string }).value), ["it's", '']);
  assert.equal(at(document, call.args[0]!), "'it''s'");
  assert.equal(at(document, call.args[1]!), "''");
});

test('malformed input: exact diagnostic spans and messages, an error node, never a throw', () => {
  const missingClose = `{"x": "[concat('a', 'b']"}`;
  const first = parseToken(missingClose);
  assert.deepEqual(first.diagnostics.map((d) => [d.message, at(missingClose, d)]), [['Expected ")"', '']]);
  assert.equal(first.diagnostics[0]!.span.start, missingClose.indexOf(']"'));
  const unterminated = `{"x": "[concat('a)]"}`;
  assert.deepEqual(parseToken(unterminated).diagnostics.map((d) => [d.message, at(unterminated, d)]), [
    ['unterminated string', "'a)"],
    ['Expected ")"', ''],
  ]);
  const trailing = `{"x": "[true() false()]"}`;
  assert.deepEqual(parseToken(trailing).diagnostics.map((d) => [d.message, at(trailing, d)]), [["Unexpected 'false' after the expression", 'false']]);
  const empty = `{"x": "[  ]"}`;
  const parsed = parseToken(empty);
  assert.equal(parsed.expression.kind, 'error');
  assert.deepEqual(parsed.diagnostics.map((d) => d.message), ['Expected an expression']);
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

test('nestingDepth counts brackets outside JSON strings only', () => {
  assert.equal(nestingDepth('[{"a": [1]}]'), 3);
  assert.equal(nestingDepth('["[[[[", "\\"[["]'), 1);
  assert.equal(nestingDepth('"{{{"'), 0);
});

test('strings that are not expressions evaluate to literals: [[ drops one bracket, trailing text after ] stays', () => {
  const escaped = evaluate('[[concat(1)]');
  assert.equal(plain(escaped.value), '[concat(1)]');
  assert.equal(escaped.scope.textAt(escaped.value.origin?.span), '"[[concat(1)]"');
  assert.equal(escaped.value.origin?.kind, 'literal');
  assert.equal(plain(evaluate('[a] b').value), '[a] b');
  assert.equal(plain(evaluate("[toUpper('a')]").value), 'A');
});
