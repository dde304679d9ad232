/**
 * V8 tuning for the `acr-guard` command. A scan runs a thread per core, and each thread's V8 optimises the same
 * engine again: on two cores, TurboFan's compile jobs took about a third of a scan's CPU (bench/README, nineteenth
 * session). Inlining less makes each compile smaller, for code a few percent slower once compiled: a scan of up to
 * some thousands of files per thread is faster (AVM's repository 11% less wall time), and only much larger ones pay.
 */
import { setFlagsFromString } from 'node:v8';

const INLINING_BUDGET_FLAG = '--max-inlined-bytecode-size-cumulative';
/** V8's default is 920 bytes of inlined bytecode per compile; 60 to 300 measured alike, the largest of them is kept. */
const INLINING_BUDGET = 300;

/**
 * The V8 flag the command sets, or undefined when the user chose that budget on node's command line (`node
 * --max-inlined-bytecode-size-cumulative=920 dist/cli.js`; NODE_OPTIONS does not accept this flag).
 */
export function compilerFlagFor(execArgv: readonly string[]): string | undefined {
  if (execArgv.some((option) => option.replace(/_/g, '-').startsWith(INLINING_BUDGET_FLAG))) return undefined;
  return `${INLINING_BUDGET_FLAG}=${INLINING_BUDGET}`;
}

/** Sets the flag for this process and the worker threads it starts (V8's flags are per process). */
export function tuneCompilerForScans(): void {
  const flag = compilerFlagFor(process.execArgv);
  if (flag) setFlagsFromString(flag);
}
