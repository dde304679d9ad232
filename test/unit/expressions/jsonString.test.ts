/** JSON string tokens: decoding with document offsets, expression detection, nesting depth. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJsonString, isExpression, nestingDepth } from '../../../server/src/core/evaluate/expressions/jsonString';
import type { Expression } from '../../../server/src/core/evaluate/expressions/ast';
import { parseToken, spanText as textOf } from './harness';
import { evaluate, plain } from './testScope';

type Call = Extract<Expression, { kind: 'call' }>;

test('expression detection: [[ escapes, trailing text makes a literal', () => {
  assert.equal(isExpression("[parameters('a')]"), true);
  assert.equal(isExpression('[[literal]'), false);
  assert.equal(isExpression('[a] b'), false);
  assert.equal(isExpression('[]'), true);
  assert.equal(isExpression('plain'), false);
});

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
  assert.equal(textOf(document, (expression as Call).args[1]!), "'b'");
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
