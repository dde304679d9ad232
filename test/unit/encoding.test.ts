import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText, encodeText, encodingOf } from '../../server/src/core/text/encoding';

const utf16 = (text: string, encoding: 'utf16le' | 'utf16be') => {
  const little = Buffer.from(text, 'utf16le');
  return encoding === 'utf16le' ? little : little.swap16();
};

test('a UTF-16 byte order mark decides the encoding; anything else is UTF-8', () => {
  assert.equal(encodingOf(Buffer.from([0xff, 0xfe, 0x7b, 0x00])), 'utf-16le');
  assert.equal(encodingOf(Buffer.from([0xfe, 0xff, 0x00, 0x7b])), 'utf-16be');
  assert.equal(encodingOf(Buffer.from([0xef, 0xbb, 0xbf, 0x7b])), 'utf-8');
  assert.equal(encodingOf(Buffer.from('{}')), 'utf-8');
  assert.equal(encodingOf(Buffer.from([0xff])), 'utf-8');
  assert.equal(encodingOf(new Uint8Array(0)), 'utf-8');
});

test('UTF-16 files decode to the text of their UTF-8 twin, byte order mark kept, and encode back to the same bytes', () => {
  const text = '\ufeff{\r\n  "name": "r\u00e9gistre \u{1F433}"\r\n}\n';
  for (const encoding of ['utf16le', 'utf16be'] as const) {
    const bytes = utf16(text, encoding);
    const decoded = decodeText(bytes);
    assert.equal(decoded.text, text, encoding);
    assert.deepEqual(Buffer.from(encodeText(decoded.text, decoded.encoding)), bytes, encoding);
  }
  // A truncated last unit becomes U+FFFD rather than being dropped.
  assert.equal(decodeText(utf16('\ufeff{}', 'utf16le').subarray(0, 5)).text, '\ufeff{\ufffd');
});

test('UTF-8 decodes exactly as Node decodes it (byte order mark kept, invalid bytes replaced) and round-trips', () => {
  const samples = [Buffer.from('\ufeff{"a": "\u00e9"}'), Buffer.from([0x7b, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xe0, 0x7d]), Buffer.from([0xef, 0xbb])];
  let seed = 7;
  for (let i = 0; i < 500; i++) {
    const bytes = Buffer.alloc(1 + (i % 13));
    for (let j = 0; j < bytes.length; j++) bytes[j] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    if (bytes[0] === 0xff || bytes[0] === 0xfe) bytes[0] = 0x41;
    samples.push(bytes);
  }
  for (const bytes of samples) {
    const decoded = decodeText(bytes);
    assert.equal(decoded.encoding, 'utf-8');
    assert.equal(decoded.text, bytes.toString('utf8'), bytes.toString('hex'));
    assert.deepEqual(Buffer.from(encodeText(decoded.text, 'utf-8')), Buffer.from(decoded.text, 'utf8'));
  }
  assert.deepEqual(Buffer.from(encodeText('\ufeff{}', 'utf-8')), Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]));
});
