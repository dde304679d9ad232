// Shared by the benchmark scripts: the median of repeated timings, in milliseconds.
export function median(fn, iterations) {
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * The median after a warm-up, timed on a collected heap (with --expose-gc, as `npm run bench` runs the scripts):
 * V8 needs a few dozen runs to optimise a long analysis, and no contender should pay for another's garbage.
 */
export async function steadyMedian(run, warmUps, iterations) {
  for (let i = 0; i < warmUps; i++) await run();
  globalThis.gc?.();
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
