/** Ranges of offsets kept sorted and disjoint, so that finding the one around an offset is a binary search. */

export interface OffsetRange {
  start: number;
  /** exclusive */
  end: number;
}

/** The index of the range of `sorted` (in order, none overlapping another) that contains `offset`, or -1. */
export function rangeContaining(sorted: readonly OffsetRange[], offset: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = sorted[middle]!;
    if (offset < range.start) high = middle - 1;
    else if (offset >= range.end) low = middle + 1;
    else return middle;
  }
  return -1;
}

/** The union of `ranges` as sorted, disjoint ranges (touching or overlapping ones merged). */
export function mergedRanges(ranges: readonly OffsetRange[]): OffsetRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: OffsetRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ start: range.start, end: range.end });
  }
  return merged;
}
