/**
 * Scans many files on every core: worker threads (dist/cli-worker.js) take files a few at a time from a shared queue,
 * analyse them and render their findings into report pieces, and send back plain strings, handed on in the original
 * order so the report does not depend on timing. --fix stays on the main thread, since a fix may edit another file.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { OutputFormat } from './args';
import type { DiscoveredFile } from './discover';
import type { ScanResult } from './scan';

/** Fewer files than this are scanned on the main thread: starting workers costs more than it saves. */
export const PARALLEL_THRESHOLD = 16;

/** What every worker is started with. */
export interface WorkerSetup {
  explicitConfig: string | undefined;
  cwd: string;
  format: OutputFormat;
}

/** A few files for a worker to scan, each with its place in the scan. */
export interface WorkerRequest {
  files: { index: number; file: DiscoveredFile }[];
}

/** The results of a request's files, in its order. */
export interface WorkerResponse {
  results: { index: number; result: ScanResult }[];
}

/** Files sent to a worker per message, and at most in flight per worker: two messages, so it never waits for more. */
const FILES_PER_MESSAGE = 4;
const FILES_IN_FLIGHT = 2 * FILES_PER_MESSAGE;

export function workerCount(files: number): number {
  const requested = Number(process.env.ACR_GUARD_WORKERS);
  const cores = Number.isInteger(requested) && requested > 0 ? requested : availableParallelism();
  return files < PARALLEL_THRESHOLD ? 1 : Math.max(1, Math.min(cores, 8, Math.ceil(files / PARALLEL_THRESHOLD)));
}

/** Hands each file's result to `onResult` in the order of `files`, as soon as it and every file before it are done. */
export async function scanInParallel(files: readonly DiscoveredFile[], workers: number, setup: WorkerSetup, onResult: (result: ScanResult) => void): Promise<void> {
  const waiting = new Map<number, ScanResult>();
  let next = 0;
  let nextInOrder = 0;
  await Promise.all(
    Array.from({ length: workers }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(join(__dirname, 'cli-worker.js'), { workerData: setup });
        let inFlight = 0;
        // Files go in batches and come back in batches: a message per file cost the worker a twentieth of its time.
        const feed = () => {
          while (inFlight + FILES_PER_MESSAGE <= FILES_IN_FLIGHT && next < files.length) {
            const batch = files.slice(next, next + FILES_PER_MESSAGE).map((file, offset) => ({ index: next + offset, file }));
            next += batch.length;
            inFlight += batch.length;
            worker.postMessage({ files: batch } satisfies WorkerRequest);
          }
          if (inFlight === 0) void worker.terminate().then(() => resolve());
        };
        worker.on('message', (response: WorkerResponse) => {
          for (const { index, result } of response.results) waiting.set(index, result);
          for (let ready = waiting.get(nextInOrder); ready; ready = waiting.get(nextInOrder)) {
            waiting.delete(nextInOrder++);
            onResult(ready);
          }
          inFlight -= response.results.length;
          feed();
        });
        worker.on('error', reject);
        feed();
      }),
    ),
  );
}
