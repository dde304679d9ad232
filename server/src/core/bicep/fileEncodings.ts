/**
 * The encodings Bicep's load functions read files in, decoded as .NET decodes them for Bicep: a byte order mark wins
 * over the encoding asked for (StreamReader with detectEncodingFromByteOrderMarks), us-ascii turns every byte above
 * 127 into '?', iso-8859-1 maps each byte to the character of the same number.
 */

const ENCODINGS = new Set(['utf-8', 'utf-16', 'utf-16be', 'us-ascii', 'iso-8859-1']);

export function isBicepEncoding(name: string): boolean {
  return ENCODINGS.has(name.toLowerCase());
}

/** The text of `bytes` in `encoding` (one of Bicep's), after a byte order mark if there is one. */
export function decodeAs(bytes: Uint8Array, encoding: string): string {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  switch (encoding.toLowerCase()) {
    case 'utf-16':
      return new TextDecoder('utf-16le').decode(bytes);
    case 'utf-16be':
      return new TextDecoder('utf-16be').decode(bytes);
    case 'us-ascii':
      return byteCharacters(bytes, (byte) => (byte < 0x80 ? byte : 0x3f));
    case 'iso-8859-1':
      return byteCharacters(bytes, (byte) => byte);
    default:
      return new TextDecoder('utf-8').decode(bytes);
  }
}

/** One character per byte, in chunks: String.fromCharCode with a whole large file as arguments overflows the stack. */
function byteCharacters(bytes: Uint8Array, code: (byte: number) => number): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += 8192) parts.push(String.fromCharCode(...Array.from(bytes.subarray(start, start + 8192), code)));
  return parts.join('');
}
