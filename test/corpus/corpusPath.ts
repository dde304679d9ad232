/** Where the shared corpus lives: ACR_GUARD_CORPUS, else ../shared/corpus beside the repository. Never copied in. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS = resolve(process.env.ACR_GUARD_CORPUS ?? resolve(__dirname, '../../../../shared/corpus'));
export const corpusAvailable = existsSync(join(CORPUS, 'README.md'));
export const SKIP_REASON = corpusAvailable ? false : `corpus not found at ${CORPUS} (set ACR_GUARD_CORPUS)`;

export function readCorpus(relative: string): string {
  return readFileSync(join(CORPUS, relative), 'utf8');
}

export function corpusUri(relative: string): string {
  return `file://${join(CORPUS, relative)}`;
}
