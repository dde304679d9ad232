import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHUNK_BYTES, ChunkedOutput } from '../../server/src/cli/chunkedOutput';

/** Pieces of every size and width: ASCII, accented letters, astral characters, and pieces larger than a chunk. */
function pieces(): string[] {
  const alphabet = ['a', '{', '\n', '\u00e9', '\u20ac', '\u{1F433}', '"'];
  const out: string[] = [];
  let seed = 3;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 8;
  for (let i = 0; i < 400; i++) {
    const length = i % 97 === 0 ? CHUNK_BYTES / 2 + (next() % CHUNK_BYTES) : next() % 20000;
    let piece = '';
    while (piece.length < length) piece += alphabet[next() % alphabet.length]!.repeat(1 + (next() % 50));
    out.push(piece);
  }
  return out;
}

test('the report is the UTF-8 of its pieces in order, in chunks of at most a megabyte unless one piece is larger', () => {
  const written = pieces();
  const chunks: Buffer[] = [];
  const output = ChunkedOutput.toStream((bytes) => chunks.push(bytes as Buffer));
  for (const piece of written) output.write(piece);
  assert.equal(output.close(), undefined);
  assert.ok(chunks.length > 10, `${chunks.length} chunks`);
  // The stream keeps each chunk it is given: they must be copies, not views of a buffer that is written again.
  // (compared with equals: a failing deepEqual of megabytes would spend the heap on describing the difference)
  assert.ok(Buffer.concat(chunks).equals(Buffer.from(written.join(''), 'utf8')));
  const largest = Math.max(...written.map((piece) => Buffer.byteLength(piece)));
  for (const chunk of chunks) assert.ok(chunk.length <= CHUNK_BYTES || chunk.length <= largest);
  assert.ok(chunks.some((chunk) => chunk.length > CHUNK_BYTES), 'a piece larger than a chunk is written on its own');
});

test('a report written to a file holds exactly the UTF-8 of its pieces; a failed write is returned by close', () => {
  const folder = mkdtempSync(join(tmpdir(), 'acr-guard-output-'));
  try {
    const written = pieces();
    const output = ChunkedOutput.toFile(join(folder, 'report.json'));
    for (const piece of written) output.write(piece);
    assert.equal(output.close(), undefined);
    assert.ok(readFileSync(join(folder, 'report.json')).equals(Buffer.from(written.join(''), 'utf8')));

    let calls = 0;
    const failing = ChunkedOutput.toStream(() => {
      calls++;
      throw new Error('disk full');
    });
    for (const piece of written) failing.write(piece);
    assert.equal(failing.close()?.message, 'disk full');
    assert.equal(calls, 1, 'nothing is written after a failed write');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
