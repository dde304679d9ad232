import { readFileSync } from 'node:fs';
import { decodeText } from '../core/text/encoding';

/** A file's text, decoded as Azure's tools decode it: UTF-8, or UTF-16 after its byte order mark. */
export function readTextFile(path: string): string {
  return decodeText(readFileSync(path)).text;
}
