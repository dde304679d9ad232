import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, PositionIndex, detectEol } from '../../server/src/core/text/lineIndex';
import { mergedRanges, rangeContaining } from '../../server/src/core/text/ranges';
import { detectJsonStyle } from '../../server/src/core/fixes/jsonFormatting';
import { applyEdits } from '../../server/src/core/analysis/queries';

test('line index converts offsets and positions across LF, CRLF and CR', () => {
  const index = new LineIndex('a\nbc\r\nd\re');
  assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(index.positionAt(3), { line: 1, character: 1 });
  assert.deepEqual(index.positionAt(6), { line: 2, character: 0 });
  assert.deepEqual(index.positionAt(8), { line: 3, character: 0 });
  assert.equal(index.offsetAt({ line: 1, character: 99 }), 6, 'clamped to the line');
  assert.equal(index.lineEnd(1), 4);
  assert.deepEqual(index.positionAt(999), { line: 3, character: 1 });
});

test('positions agree for LF-only text (a fast path) and mixed breaks, with or without the text held', () => {
  for (const text of ['', '\n', 'a\n\nbc\n', '{\n  "a": 1\n}', 'a\r\nb\nc\rd\n', '\r', 'x\n\r\n\r']) {
    const expected: { line: number; character: number }[] = [];
    let line = 0;
    let character = 0;
    for (let offset = 0; offset <= text.length; offset++) {
      expected.push({ line, character });
      const code = text[offset];
      if (code === '\n' || (code === '\r' && text[offset + 1] !== '\n')) [line, character] = [line + 1, 0];
      else character++;
    }
    const index = new LineIndex(text);
    const positions = PositionIndex.of(text);
    for (let offset = 0; offset <= text.length; offset++) {
      assert.deepEqual(index.positionAt(offset), expected[offset], `${JSON.stringify(text)} at ${offset}`);
      assert.deepEqual(positions.positionAt(offset), expected[offset], `${JSON.stringify(text)} at ${offset}`);
    }
    assert.equal(index.lineCount, expected[text.length]!.line + 1);
  }
});

test('LineIndex.of shares an index between askers of the same text and never answers for another text', () => {
  const first = 'a\nb\nc';
  const shared = LineIndex.of(first);
  assert.equal(LineIndex.of(first), shared);
  // The same content in another string is the same text.
  assert.equal(LineIndex.of(['a', 'b', 'c'].join('\n')), shared);
  const other = LineIndex.of('x\r\ny');
  assert.notEqual(other, shared);
  assert.deepEqual(other.positionAt(3), { line: 1, character: 0 });
  // Asked for the first text again: its own positions, not the other text's.
  assert.deepEqual(LineIndex.of(first).positionAt(4), { line: 2, character: 0 });
});

test('line tables of every size: one longer than the room kept between tables, and a short one after it', () => {
  const long = Array.from({ length: 10_000 }, (_, i) => `line ${i}`).join('\n');
  const index = new LineIndex(long);
  assert.equal(index.lineCount, 10_000);
  assert.deepEqual(index.positionAt(long.indexOf('line 9999') + 2), { line: 9999, character: 2 });
  assert.deepEqual(index.positionAt(long.indexOf('line 4097')), { line: 4097, character: 0 });
  const short = new LineIndex('a\nb');
  assert.equal(short.lineCount, 2);
  assert.deepEqual(short.positionAt(3), { line: 1, character: 1 });
});

test('formatting style: indentation unit, line ending, one-line files', () => {
  assert.equal(detectJsonStyle('{\n    "a": {\n        "b": 1\n    }\n}').indentUnit, '    ');
  assert.equal(detectJsonStyle('{\n\t"a": 1\n}').indentUnit, '\t');
  assert.equal(detectJsonStyle('{"a":1}').singleLineFile, true);
  assert.equal(detectJsonStyle('{"a":1}').spaced, false);
  assert.equal(detectEol('{\r\n}'), '\r\n');
  assert.equal(detectEol('{\n}'), '\n');
});

test('edits apply from the end; inserts at one offset keep their order', () => {
  const uri = 'file:///x';
  const text = 'abc';
  assert.equal(
    applyEdits(text, [
      { uri, span: { start: 1, end: 1 }, newText: 'X' },
      { uri, span: { start: 1, end: 1 }, newText: 'Y' },
      { uri, span: { start: 2, end: 3 }, newText: 'Z' },
    ]),
    'aXYbZ',
  );
  // An insert goes before a replacement that starts where it is, whichever comes first in the list.
  assert.equal(applyEdits(text, [{ uri, span: { start: 1, end: 2 }, newText: 'Z' }, { uri, span: { start: 1, end: 1 }, newText: 'X' }]), 'aXZc');
  assert.equal(applyEdits(text, [{ uri, span: { start: 1, end: 1 }, newText: 'X' }, { uri, span: { start: 1, end: 2 }, newText: 'Z' }]), 'aXZc');
  assert.equal(applyEdits(text, []), text);
});

test('many edits in a large text are applied as edit by edit from the end would', () => {
  const uri = 'file:///x';
  const text = 'abcdefghij'.repeat(20_000);
  const edits = Array.from({ length: 5_000 }, (_, i) => ({ uri, span: { start: i * 40 + (i % 3), end: i * 40 + (i % 3) + (i % 4) }, newText: `<${i}>` }));
  let expected = text;
  for (const edit of [...edits].reverse()) expected = expected.slice(0, edit.span.start) + edit.newText + expected.slice(edit.span.end);
  assert.equal(applyEdits(text, [...edits].reverse()), expected);
});

test('ranges: the one around an offset is found by binary search; merging joins overlapping and touching ones', () => {
  const sorted = [{ start: 0, end: 3 }, { start: 5, end: 9 }, { start: 9, end: 12 }];
  assert.deepEqual([0, 2, 3, 4, 5, 8, 9, 11, 12, -1].map((offset) => rangeContaining(sorted, offset)), [0, 0, -1, -1, 1, 1, 2, 2, -1, -1]);
  assert.equal(rangeContaining([], 0), -1);
  assert.deepEqual(mergedRanges([{ start: 9, end: 12 }, { start: 0, end: 3 }, { start: 1, end: 2 }, { start: 5, end: 9 }]), [{ start: 0, end: 3 }, { start: 5, end: 12 }]);
});
