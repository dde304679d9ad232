/** The server's text store against vscode-languageserver-textdocument, the reference every LSP server agrees with. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { EditableTextDocument } from '../../server/src/lsp/editableTextDocument';

// Text made of the characters that matter: line breaks of all three kinds, astral and lone surrogates, Latin-1.
const piece = fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', '"', 'é', '😀', '\ud800', '\udc00', 'line\n', '{ "k": 1 }');
const textArbitrary = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

interface EditSpec {
  startOffset: number;
  endOffset: number;
  /** characters past the end of the start line: editors may send them, both stores clamp */
  overshoot: number;
  reversed: boolean;
  text: string;
  full: boolean;
}
const editArbitrary = fc.record({
  startOffset: fc.nat(),
  endOffset: fc.nat(),
  overshoot: fc.constantFrom(0, 0, 0, 3),
  reversed: fc.boolean(),
  text: textArbitrary,
  full: fc.constantFrom(false, false, false, false, false, true),
});

function changeFor(reference: TextDocument, spec: EditSpec): TextDocumentContentChangeEvent {
  if (spec.full) return { text: spec.text };
  const length = reference.getText().length;
  const a = reference.positionAt(spec.startOffset % (length + 1));
  const b = reference.positionAt(spec.endOffset % (length + 1));
  const [start, end] = a.line < b.line || (a.line === b.line && a.character <= b.character) ? [a, b] : [b, a];
  const range = { start, end: { line: end.line, character: end.character + spec.overshoot } };
  return { range: spec.reversed ? { start: range.end, end: range.start } : range, text: spec.text };
}

function assertSame(actual: EditableTextDocument, expected: TextDocument): void {
  const text = expected.getText();
  assert.equal(actual.getText(), text);
  assert.equal(actual.version, expected.version);
  assert.equal(actual.lineCount, expected.lineCount);
  for (let offset = -1; offset <= text.length + 1; offset++) assert.deepEqual(actual.positionAt(offset), expected.positionAt(offset), `positionAt(${offset})`);
  for (let line = -1; line <= expected.lineCount; line++) {
    assert.deepEqual(actual.getLineRange(line), expected.getLineRange(line), `getLineRange(${line})`);
    assert.equal(actual.getEOLCharacters(line), expected.getEOLCharacters(line), `getEOLCharacters(${line})`);
    for (const character of [-1, 0, 1, 2, 5, 1000]) {
      const position = { line, character };
      assert.equal(actual.offsetAt(position), expected.offsetAt(position), `offsetAt(${line}:${character})`);
    }
  }
  const range = { start: expected.positionAt(1), end: expected.positionAt(text.length - 1) };
  assert.equal(actual.getText(range), expected.getText(range));
  assert.equal(actual.getText({ start: range.end, end: range.start }), expected.getText({ start: range.end, end: range.start }));
}

test('random edits give the same text, positions, offsets and line table as vscode-languageserver-textdocument', () => {
  fc.assert(
    fc.property(textArbitrary, fc.array(fc.array(editArbitrary, { minLength: 1, maxLength: 3 }), { maxLength: 8 }), (initial, batches) => {
      const reference = TextDocument.create('file:///a.json', 'json', 1, initial);
      const store = new EditableTextDocument('file:///a.json', 'json', 1, initial);
      assertSame(store, reference);
      let version = 1;
      for (const batch of batches) {
        version++;
        // Changes in one notification apply in order, each against the text the previous one left.
        const changes: TextDocumentContentChangeEvent[] = [];
        const scratch = TextDocument.create('file:///scratch', 'json', 0, reference.getText());
        for (const spec of batch) {
          const change = changeFor(scratch, spec);
          changes.push(change);
          TextDocument.update(scratch, [change], 0);
        }
        TextDocument.update(reference, changes, version);
        store.update(changes, version);
        assertSame(store, reference);
      }
    }),
    { numRuns: 400 },
  );
});

test('the line table is read before and after edits, so the incremental update is what is compared', () => {
  const initial = 'a\r\nb\nc\rd';
  const reference = TextDocument.create('file:///a', 'json', 1, initial);
  const store = new EditableTextDocument('file:///a', 'json', 1, initial);
  assertSame(store, reference);
  const edits: TextDocumentContentChangeEvent[] = [
    { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: '\r' }, // joins nothing: "a\r\r\n"
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'x\n' }, // splits nothing
    { range: { start: { line: 0, character: 1 }, end: { line: 2, character: 0 } }, text: '' }, // removes breaks
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'z\r' }, // creates \r\n? no: "z\ra"
  ];
  let version = 1;
  for (const edit of edits) {
    TextDocument.update(reference, [edit], ++version);
    store.update([edit], version);
    assertSame(store, reference);
  }
});

test('a large document grows its buffer and stays exact across many small edits', () => {
  const initial = '{\n' + Array.from({ length: 20_000 }, (_, i) => `  "k${i}": "value ${i} é"`).join(',\n') + '\n}\n';
  const reference = TextDocument.create('file:///big', 'json', 1, initial);
  const store = new EditableTextDocument('file:///big', 'json', 1, initial);
  let version = 1;
  for (let i = 0; i < 200; i++) {
    const line = (i * 97) % 20_000;
    const change = i % 3 === 2
      ? { range: { start: { line, character: 2 }, end: { line: line + 1, character: 2 } }, text: `"n${i}": 0,\n  ` }
      : { range: { start: { line, character: 3 }, end: { line, character: 3 } }, text: i % 3 ? 'xyz\n' : 'q' };
    TextDocument.update(reference, [change], ++version);
    store.update([change], version);
  }
  assert.equal(store.getText(), reference.getText());
  assert.equal(store.lineCount, reference.lineCount);
  for (let line = 0; line < reference.lineCount; line += 37) {
    assert.deepEqual(store.getLineRange(line), reference.getLineRange(line));
    assert.equal(store.offsetAt({ line, character: 4 }), reference.offsetAt({ line, character: 4 }));
  }
});

test('long batches, last first as editors send a fix-all, or in any order, match the reference too', () => {
  const longText = fc.array(piece, { minLength: 20, maxLength: 300 }).map((parts) => parts.join(''));
  const cut = fc.record({ at: fc.nat(), length: fc.constantFrom(0, 0, 1, 2, 5), text: textArbitrary });
  fc.assert(
    fc.property(longText, fc.array(cut, { minLength: 2, maxLength: 60 }), fc.constantFrom('last first', 'in order', 'shuffled'), (initial, cuts, order) => {
      const reference = TextDocument.create('file:///a.json', 'json', 1, initial);
      const store = new EditableTextDocument('file:///a.json', 'json', 1, initial);
      store.lineCount; // the line table exists before the batch, so its deferred update is what is compared
      // Disjoint spans of the initial text, made into changes against the text each previous change left.
      const spans = cuts
        .map((c) => ({ start: c.at % (initial.length + 1), length: c.length, text: c.text }))
        .sort((a, b) => a.start - b.start)
        .filter((span, index, all) => index === 0 || span.start >= all[index - 1]!.start + all[index - 1]!.length)
        .map((span) => ({ ...span, end: Math.min(span.start + span.length, initial.length) }));
      const ordered = order === 'last first' ? [...spans].reverse() : order === 'in order' ? spans : spans.map((span, i) => ({ span, key: (i * 7919) % spans.length })).sort((a, b) => a.key - b.key).map((x) => x.span);
      const scratch = TextDocument.create('file:///scratch', 'json', 0, initial);
      const changes: TextDocumentContentChangeEvent[] = [];
      const applied: typeof spans = [];
      for (const span of ordered) {
        // Where the span is now: moved by the changes already made before it in the text.
        const moved = applied.filter((a) => a.start < span.start).reduce((sum, a) => sum + a.text.length - (a.end - a.start), 0);
        const change = { range: { start: scratch.positionAt(span.start + moved), end: scratch.positionAt(span.end + moved) }, text: span.text };
        changes.push(change);
        TextDocument.update(scratch, [change], 0);
        applied.push(span);
      }
      TextDocument.update(reference, changes, 2);
      store.update(changes, 2);
      assertSame(store, reference);
    }),
    { numRuns: 300 },
  );
});
