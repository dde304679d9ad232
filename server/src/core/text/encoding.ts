/**
 * Files on disk as Azure's tools read them: UTF-8, or UTF-16 when a byte order mark says so (Windows PowerShell's
 * `Out-File` writes UTF-16LE; `az` and `New-AzResourceGroupDeployment` deploy such templates). A byte order mark stays
 * at the start of the text, where the JSON pass and the Bicep lexer accept it, so a fix writes it back.
 */

export type FileEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding the first bytes announce: a UTF-16 byte order mark, else UTF-8 (with or without its own mark). */
export function encodingOf(bytes: Uint8Array): FileEncoding {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Decodes a file's bytes; invalid sequences become U+FFFD (for UTF-8, exactly as Node's Buffer decodes them). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: FileEncoding } {
  const encoding = encodingOf(bytes);
  return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes), encoding };
}

/** The bytes of `text` in `encoding`: what `decodeText` reads back as the same text. */
export function encodeText(text: string, encoding: FileEncoding): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  const bytes = new Uint8Array(text.length * 2);
  const [high, low] = encoding === 'utf-16le' ? [1, 0] : [0, 1];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 * i + high] = unit >> 8;
    bytes[2 * i + low] = unit & 0xff;
  }
  return bytes;
}
