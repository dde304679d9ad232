/**
 * How the language server process is started, besides the editor's own environment. The edit benchmark starts
 * `dist/server.js --stdio` the same way, so it measures the server as users run it.
 *
 * Each version of an open document is materialised as one string; for a multi-megabyte template that is a block of
 * several megabytes. By default glibc gives blocks that large back to the kernel when they are freed, so every
 * keystroke pays for fresh pages (more than the analysis itself on some virtual machines). These glibc tunables
 * keep such blocks in the heap for the next version. Other C libraries and platforms ignore them.
 */
export const SERVER_ENVIRONMENT: Readonly<Record<string, string>> = {
  MALLOC_MMAP_THRESHOLD_: String(32 * 1024 * 1024),
  MALLOC_TRIM_THRESHOLD_: String(64 * 1024 * 1024),
};

/**
 * An analysis of a large template allocates a few megabytes that die with the next version. With V8's default
 * young generation they are collected and copied every few keystrokes; 32 MB semi-spaces make that rarer (median edit
 * latency in the 3.3 MB template about 23 -> 17 ms) for at most that much more memory while typing.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=32'];
