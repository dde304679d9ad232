/** The lazy JSON tree builds exactly jsonc-parser's tree for well-formed documents, and declines everything else. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { parseLazyJson, parseLazyJsonDocument } from '../../../server/src/core/syntax/lazyJson';
import { CORPUS, readCorpus, SKIP_REASON } from '../../corpus/corpusPath';

type Plain = { type: string; offset: number; length: number; value?: unknown; colonOffset?: number; children?: Plain[] };
const plain = (node: Node | undefined): Plain | undefined =>
  node && { type: node.type, offset: node.offset, length: node.length, value: node.value, colonOffset: node.colonOffset, children: node.children?.map((c) => plain(c)!) };

function assertSameTree(text: string): void {
  const lazy = parseLazyJson(text);
  assert.ok(lazy, `declined a well-formed document: ${text.slice(0, 80)}`);
  assert.deepEqual(plain(lazy), plain(parseTree(text, [], { allowTrailingComma: true })));
  const parents = (node: Node) => node.children?.forEach((child) => {
    assert.equal(child.parent, node);
    parents(child);
  });
  parents(lazy);
}

test('identical trees on every ARM template of the corpus', { skip: SKIP_REASON }, () => {
  for (const file of readdirSync(join(CORPUS, 'arm'))) assertSameTree(readCorpus(`arm/${file}`));
});

test('comments, trailing commas, escapes, numbers, empty containers', () => {
  for (const text of ['{"a":1,}', '[1,2,]', '{"a":[],"b":{},// c\n"c":"\\u0041\\n"}', '{}', '[]', ' {"x": -1.5e3, "y": [true, false, null]} ', '/* head */ {"a": {"b": [ {"c": "d"} ]}} // tail']) assertSameTree(text);
});

test('malformed documents are declined, so jsonc-parser recovers them', () => {
  for (const text of ['{"a":}', '{"a" 1}', '[1 2]', '{"a":1', '/*{}', '{"a":"\u0001"}', '{"a":01}', '"scalar"', '', '{} {}', '{"a":tru}', '{"a":"\\x"}']) assert.equal(parseLazyJson(text), undefined, text);
});

test('the document tells whether it has comments; slashes inside strings are not comments', () => {
  const hasComments = (text: string) => parseLazyJsonDocument(text)?.hasComments;
  assert.equal(hasComments('{"a": "https://x/*y*/"}'), false);
  assert.equal(hasComments('{"a": 1} // acr-guard-disable-next-line'), true);
  assert.equal(hasComments('[/* x */ 1]'), true);
  assert.equal(hasComments('{"a": [1, {"b": 2 // c\n}]}'), true);
  // A comment in an earlier document does not leak into the next one.
  assert.equal(hasComments('{"b": 2}'), false);
});

test("ARM's raw line breaks inside strings are accepted and decoded", () => {
  const root = parseLazyJson('{"a": "first\nsecond", "b": "x\\ty\nz"}');
  assert.equal(root?.children?.[0]?.children?.[1]?.value, 'first\nsecond');
  assert.equal(root?.children?.[1]?.children?.[1]?.value, 'x\ty\nz');
});

test('nesting 100,000 levels deep builds without recursion', () => {
  const text = `{"x":${'['.repeat(100000)}1${']'.repeat(100000)}}`;
  let node = parseLazyJson(text)!.children![0]!.children![1]!;
  for (let depth = 1; depth < 100000; depth++) node = node.children![0]!;
  assert.equal(node.children![0]!.value, 1);
});

test('any JSON fast-check generates gives the same tree', () => {
  fc.assert(
    fc.property(fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue())), fc.boolean(), (value, indent) => {
      assertSameTree(JSON.stringify(value, null, indent ? 2 : undefined));
    }),
    { numRuns: 500 },
  );
});

test('comments and whitespace around plain keys and strings take the general path and give the same tree', () => {
  for (const text of ['{"a" /* c */ : 1}', '{"a": /* c */ "b"}', '{"a": "b" // c\n}', '{"a": "b"/* c */, "d" : "e"  ,}', '{"k\\u0041": "v\\n"}', '["a" , "b"\t,\n"c"]']) {
    assertSameTree(text);
  }
  for (const text of ['{"a" 1}', '{"a": "b" "c": 1}', '{"a\u0001": 1}', '{"a": "b\u0001"}', '{"a": "b"', '{"a" // c\n}']) assert.equal(parseLazyJson(text), undefined, text);
  // A byte order mark starts a file; anywhere else it is not whitespace (jsonc-parser reports it).
  assert.equal(parseLazyJson('\ufeff{"a": "b"}')?.children?.[0]?.children?.[1]?.value, 'b');
  for (const text of ['{\ufeff"a": "b"}', '{"a":\ufeff"b"}', '{"a": "b"\ufeff}', '{"a" \ufeff: "b"}']) assert.equal(parseLazyJson(text), undefined, JSON.stringify(text));
  assert.equal(parseLazyJsonDocument('{"a": "b"/* c */}')?.hasComments, true);
  assert.equal(parseLazyJsonDocument('{"a" /* c */: "b"}')?.hasComments, true);
  assert.equal(parseLazyJsonDocument('{"a": "b"}')?.hasComments, false);
});

test('any JSON with comments and whitespace between its tokens gives the same tree, and says it has comments', () => {
  const trivia = fc.constantFrom(' ', '\n  ', '\t', '/* c */', '// line\n', '\r\n');
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.tuple(fc.nat(), trivia), { maxLength: 12 }), (value, insertions) => {
      const json = JSON.stringify(value, null, 2);
      // Places between tokens: after each structural character outside strings, and before each.
      const places: number[] = [];
      let inString = false;
      for (let i = 0; i < json.length; i++) {
        const c = json[i]!;
        if (inString) {
          if (c === '\\') i++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if ('{}[],:'.includes(c)) places.push(i, i + 1);
      }
      const chosen = insertions.map(([at, text]) => [places[at % places.length]!, text] as const).sort((a, b) => b[0] - a[0]);
      let text = json;
      for (const [at, piece] of chosen) text = text.slice(0, at) + piece + text.slice(at);
      assertSameTree(text);
      assert.equal(parseLazyJsonDocument(text)?.hasComments, chosen.some(([, piece]) => piece.startsWith('/')));
    }),
    { numRuns: 500 },
  );
});
