import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextInterner } from '../../../server/src/core/bicep/textInterner';
import { parseBicep } from '../../../server/src/core/bicep/parser';

test('a piece of the text is one string wherever it is written, and only equal characters share it', () => {
  const text = "name 'name' names nam\u0130e";
  const interner = new TextInterner(text);
  const first = interner.intern(0, 4);
  assert.equal(first, 'name');
  // The same characters elsewhere: the very same string, not a copy.
  assert.ok(Object.is(interner.intern(6, 10), first));
  assert.equal(interner.intern(12, 17), 'names');
  assert.equal(interner.intern(12, 16), 'name');
  assert.equal(interner.intern(18, 23), 'nam\u0130e');
  assert.equal(interner.intern(5, 5), '');
  // Two names with the same hash (FNV-1a, 32 bits) stay two names.
  const twins = new TextInterner('k4uzx kf2ad');
  assert.equal(twins.intern(0, 5), 'k4uzx');
  assert.equal(twins.intern(6, 11), 'kf2ad');
  assert.equal(twins.intern(0, 5), 'k4uzx');
});

test('thousands of different pieces (the table grows) are each found again, with their lists', () => {
  const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
  const text = words.join(' ');
  const starts = words.map((_, i) => words.slice(0, i).reduce((n, w) => n + w.length + 1, 0));
  // Each piece is first seen through `intern`, which grows the table now and then, and must still answer right.
  const interner = new TextInterner(text);
  words.forEach((word, i) => assert.equal(interner.intern(starts[i]!, starts[i]! + word.length), word));
  const lists = words.map((word, i) => interner.listUnlessEscaped(starts[i]!, starts[i]! + word.length));
  words.forEach((word, i) => {
    assert.equal(interner.intern(starts[i]!, starts[i]! + word.length), word);
    // Asked again after the table grew many times: the same list.
    assert.equal(interner.listUnlessEscaped(starts[i]!, starts[i]! + word.length), lists[i]);
    assert.deepEqual(lists[i], [word]);
  });
});

test('text with a backslash has no shared list: the parser decodes its escapes', () => {
  const interner = new TextInterner("a\\'b ab");
  assert.equal(interner.listUnlessEscaped(0, 4), undefined);
  assert.deepEqual(interner.listUnlessEscaped(5, 7), ['ab']);
  const file = parseBicep("var a = 'it\\'s'\nvar b = 'it\\'s'\nvar c = 'plain'\nvar d = 'plain'\n");
  const pieces = file.statements.map((s) => (s.kind === 'var' && s.value.kind === 'string' ? s.value.pieces : undefined));
  assert.deepEqual(pieces, [["it's"], ["it's"], ['plain'], ['plain']]);
  assert.equal(pieces[2], pieces[3]);
});
