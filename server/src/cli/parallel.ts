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

export interface WorkerRequest {
  index: number;
  file: DiscoveredFile;
}

export interface WorkerResponse {
  index: number;
  result: ScanResult;
}

const FILES_IN_FLIGHT = 4;

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
        // A few files queued per worker, so it never waits for the main thread between two files.
        const feed = () => {
          while (inFlight < FILES_IN_FLIGHT && next < files.length) {
            const index = next++;
            inFlight++;
            worker.postMessage({ index, file: files[index]! } satisfies WorkerRequest);
          }
          if (inFlight === 0) void worker.terminate().then(() => resolve());
        };
        worker.on('message', (response: WorkerResponse) => {
          waiting.set(response.index, response.result);
          for (let ready = waiting.get(nextInOrder); ready; ready = waiting.get(nextInOrder)) {
            waiting.delete(nextInOrder++);
            onResult(ready);
          }
          inFlight--;
          feed();
        });
        worker.on('error', reject);
        feed();
      }),
    ),
  );
}
