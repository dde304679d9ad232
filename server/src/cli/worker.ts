// A CLI worker thread (dist/cli-worker.js): scans the files the main thread sends, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { CliConfiguration } from './configuration';
import { emptyScanResult, scanFile } from './scan';
import type { WorkerRequest, WorkerResponse } from './parallel';

const { explicitConfig, cwd } = workerData as { explicitConfig: string | undefined; cwd: string };
const configuration = new CliConfiguration(explicitConfig, cwd);

parentPort?.on('message', ({ index, file }: WorkerRequest) => {
  const result = emptyScanResult();
  scanFile(file, false, configuration, result);
  const strip = ({ finding, severity, file: found }: (typeof result.findings)[number]) => ({ finding, severity, file: found });
  const lines = (result.findings[0] ?? result.suppressed[0])?.lines;
  const response: WorkerResponse = {
    index,
    result: { ...result, findings: result.findings.map(strip), suppressed: result.suppressed.map(strip) },
    positions: lines && { lineStarts: lines.lineStarts, length: lines.length },
  };
  parentPort!.postMessage(response);
});
