/** The items by key, each group in the items' order; keys in the order they first appear. */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** `compute` as a function that computes each key's value once (undefined too) and returns it from then on. */
export function memoized<K, V>(compute: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    if (!known.has(key)) known.set(key, compute(key));
    return known.get(key) as V;
  };
}

/**
 * `items.map(f)` for the engine's hot paths. Once TurboFan inlines `Array.prototype.map` into a function, the arrays it
 * returns are holey where the builtin made packed ones, and every function already optimised for the packed arrays is
 * deoptimised on the first holey one and compiled again (most of a scan's recompiles). A pushed array stays packed.
 */
export function mapped<T, U>(items: readonly T[], f: (item: T, index: number) => U): U[] {
  const out: U[] = [];
  for (let index = 0; index < items.length; index++) out.push(f(items[index]!, index));
  return out;
}

/**
 * Appends every item to `target`. `target.push(...items)` passes each item as an argument on the stack and throws
 * RangeError past about a hundred thousand, which a value such as `[...range(0, 300000)]` reaches.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

/**
 * Binary search: the first index in [0, length) for which `isPast(index)` holds, or `length` when none does.
 * `isPast` must be false up to some index and true from there on (as for items sorted by what it tests).
 */
export function firstIndexPast(length: number, isPast: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (isPast(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}
