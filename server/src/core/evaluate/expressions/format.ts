/** ARM's format(): .NET composite formatting with {index[,alignment][:format]} items and {{ }} escapes. */

export function formatString(pattern: string, args: readonly string[]): string | undefined {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === '{') {
      if (pattern[i + 1] === '{') {
        out += '{';
        i += 2;
        continue;
      }
      const close = pattern.indexOf('}', i);
      if (close < 0) return undefined;
      const match = /^(\d+)\s*(?:,\s*(-?\d+))?\s*(?::.*)?$/.exec(pattern.slice(i + 1, close));
      if (!match) return undefined;
      const value = args[Number(match[1])];
      if (value === undefined) return undefined;
      const width = match[2] ? Number(match[2]) : 0;
      out += width >= 0 ? value.padStart(width) : value.padEnd(-width);
      i = close + 1;
    } else if (ch === '}') {
      if (pattern[i + 1] !== '}') return undefined;
      out += '}';
      i += 2;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
