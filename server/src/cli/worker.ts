// A CLI worker thread (dist/cli-worker.js): scans the files the main thread sends and renders their findings.
import { parentPort, workerData } from 'node:worker_threads';
import { CliConfiguration } from './configuration';
import { FindingFormatter } from './formats';
import { OtherFiles, scanFile, type Reporting } from './scan';
import type { WorkerRequest, WorkerResponse, WorkerSetup } from './parallel';

const { explicitConfig, groupsDir, cwd, format } = workerData as WorkerSetup;
const configuration = new CliConfiguration(explicitConfig, cwd, groupsDir);
const otherFiles = new OtherFiles();
const reporting: Reporting = { formatter: new FindingFormatter(format, cwd, otherFiles.linesOf), otherFiles };

parentPort?.on('message', ({ files }: WorkerRequest) => {
  const results = files.map(({ index, file }) => ({ index, result: scanFile(file, false, configuration, reporting) }));
  parentPort!.postMessage({ results } satisfies WorkerResponse);
});
