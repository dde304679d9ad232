/**
 * Scans many files on every core: this thread and worker threads (dist/cli-worker.js) take files from a shared queue,
 * analyse them and render their findings into report pieces; workers send back plain strings. Results are handed on
 * in the original order so the report does not depend on timing. --fix stays on this thread alone, since a fix may
 * edit another file.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { OutputFormat } from './args';
import type { DiscoveredFile } from './discover';
import type { ScanResult } from './scan';

/** Fewer files than this are scanned on this thread alone: starting a worker costs more than it saves. */
export const PARALLEL_THRESHOLD = 16;

/** What every worker is started with. */
export interface WorkerSetup {
  explicitConfig: string | undefined;
  /** `--source`, resolved */
  groupsDir: string | undefined;
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

/**
 * Threads to scan `files` on, this one included: one per core (or `ACR_GUARD_THREADS`), at most eight, and one per
 * PARALLEL_THRESHOLD files.
 */
export function threadCount(files: number): number {
  const requested = Number(process.env.ACR_GUARD_THREADS);
  const cores = Number.isInteger(requested) && requested > 0 ? requested : availableParallelism();
  return files < PARALLEL_THRESHOLD ? 1 : Math.max(1, Math.min(cores, 8, Math.ceil(files / PARALLEL_THRESHOLD)));
}

/**
 * Scans `files` on `threads` threads: this one and `threads - 1` workers, all taking files from one queue. Hands each
 * file's result to `onResult` in the order of `files`, as soon as it and every file before it are done.
 */
export async function scanInParallel(
  files: readonly DiscoveredFile[],
  threads: number,
  setup: WorkerSetup,
  scanHere: (file: DiscoveredFile) => ScanResult,
  onResult: (result: ScanResult) => void,
): Promise<void> {
  const waiting = new Map<number, ScanResult>();
  let next = 0;
  let nextInOrder = 0;
  const deliver = (index: number, result: ScanResult) => {
    waiting.set(index, result);
    for (let ready = waiting.get(nextInOrder); ready; ready = waiting.get(nextInOrder)) {
      waiting.delete(nextInOrder++);
      onResult(ready);
    }
  };
  const started: Worker[] = [];
  let failed = false;
  const workers = Array.from({ length: threads - 1 }, () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(join(__dirname, 'cli-worker.js'), { workerData: setup });
      started.push(worker);
      let inFlight = 0;
      let done = false;
      // Files go in batches and come back in batches: a message per file cost the worker a twentieth of its time.
      const feed = () => {
        while (inFlight + FILES_PER_MESSAGE <= FILES_IN_FLIGHT && next < files.length) {
          const batch = files.slice(next, next + FILES_PER_MESSAGE).map((file, offset) => ({ index: next + offset, file }));
          next += batch.length;
          inFlight += batch.length;
          worker.postMessage({ files: batch } satisfies WorkerRequest);
        }
        if (inFlight === 0) {
          done = true;
          void worker.terminate().then(() => resolve());
        }
      };
      worker.on('message', (response: WorkerResponse) => {
        for (const { index, result } of response.results) deliver(index, result);
        inFlight -= response.results.length;
        feed();
      });
      worker.on('error', reject);
      // A thread that stops without an error event must not go unnoticed: its files would be missing from the report.
      worker.on('exit', (code) => {
        if (!done) reject(new Error(`a scanning thread stopped with exit code ${code}`));
      });
      feed();
    }),
  );
  // This thread scans a file at a time between the workers' messages, so it never keeps them waiting for more.
  const here = new Promise<void>((resolve, reject) => {
    const step = () => {
      if (failed || next >= files.length) return resolve();
      const index = next++;
      try {
        deliver(index, scanHere(files[index]!));
      } catch (error) {
        return reject(error);
      }
      setImmediate(step);
    };
    setImmediate(step);
  });
  try {
    await Promise.all([...workers, here]);
  } catch (error) {
    // One thread failed: the others stop too, so the process can end and report it.
    failed = true;
    await Promise.all(started.map((worker) => worker.terminate()));
    throw error;
  }
}
