/** Bicep types as written after a parameter's name, read as text. */

/** `'Enabled' | 'Disabled'` (in parentheses, nullable or not) as its literals; undefined for any other type. */
export function literalUnion(type: string): string[] | undefined {
  const bare = type.replace(/\?$/, '').trim().replace(/^\((.*)\)$/s, '$1');
  const pieces = bare.split('|').map((piece) => /^'([^'\\$]*)'$/.exec(piece.trim())?.[1]);
  return pieces.length > 1 && pieces.every((piece) => piece !== undefined) ? (pieces as string[]) : undefined;
}
