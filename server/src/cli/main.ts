// acr-guard command-line scanner: the same engine as the language server, for CI.
import { parseArgs, USAGE } from './args';
import { ChunkedOutput } from './chunkedOutput';
import { discoverFiles } from './discover';
import { FindingFormatter, isAtLeast, ReportWriter, type RenderedFindings } from './formats';
import { OtherFiles, scanFile, scanFiles, type FileChange, type ScanResult } from './scan';
import { CliConfiguration, diskSource } from './configuration';
import { scanInParallel, threadCount } from './parallel';
import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import { tuneCompilerForScans } from './compilerTuning';

export async function runCli(argv: readonly string[], cwd: string, write: (text: string | Uint8Array) => void, writeError: (text: string) => void): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.command === 'help') {
    write(USAGE + '\n');
    return 0;
  }
  if (parsed.command === 'version') {
    write('0.1.0\n');
    return 0;
  }
  if (parsed.command === 'error') {
    writeError(`acr-guard: ${parsed.message}\n\n${USAGE}\n`);
    return 2;
  }
  const { options } = parsed;
  if (options.config && diskSource.readFile(resolve(cwd, options.config)) === undefined) {
    writeError(`acr-guard: cannot read --config '${options.config}'\n`);
    return 2;
  }
  if (options.source !== undefined && !isDirectory(resolve(cwd, options.source))) {
    writeError(`acr-guard: --source '${options.source}' is not a folder\n`);
    return 2;
  }
  if (options.root !== undefined && !isDirectory(resolve(cwd, options.root))) {
    writeError(`acr-guard: --root '${options.root}' is not a folder\n`);
    return 2;
  }
  const discovery = discoverFiles(options.paths, cwd, options.exclude, options.root);
  let output: ChunkedOutput;
  try {
    output = options.output ? ChunkedOutput.toFile(options.output) : ChunkedOutput.toStream(write);
  } catch (error) {
    writeError(`acr-guard: cannot write '${options.output}': ${(error as Error).message}\n`);
    return 2;
  }
  // The report is written as files finish; what is kept until the end is small (suppressed findings, messages).
  const report = new ReportWriter(options.format, (piece) => output.write(piece), cwd);
  let failing = false;
  // What is kept until the end; findings went into the report as they came.
  const totals = { scanned: 0, leftOut: 0, suppressed: [] as RenderedFindings[], changes: [] as FileChange[], errors: [] as string[] };
  const warnings = new Set<string>();
  const failures: string[] = [];
  const unrestored = new Set<string>();
  const onResult = (result: ScanResult) => {
    for (const file of result.findings) {
      report.add(file);
      failing ||= isAtLeast(file.worst, options.severityThreshold);
    }
    for (const file of result.tests) report.addTests(file);
    totals.scanned += result.scanned;
    totals.leftOut += result.leftOut;
    totals.suppressed.push(...result.suppressed);
    totals.changes.push(...result.changes);
    totals.errors.push(...result.errors);
    // Every worker thread reads the configuration on its own: a problem with it is reported once.
    for (const warning of result.warnings) warnings.add(warning);
    failures.push(...result.failures);
    for (const module of result.unrestored) unrestored.add(module);
  };
  const threads = options.fix ? 1 : threadCount(discovery.files.length);
  const otherFiles = new OtherFiles();
  const configuration = new CliConfiguration(options.config, cwd, options.source);
  const reporting = { formatter: new FindingFormatter(options.format, cwd, otherFiles.linesOf), otherFiles };
  if (threads > 1) {
    const setup = { explicitConfig: options.config ? resolve(cwd, options.config) : undefined, groupsDir: options.source ? resolve(cwd, options.source) : undefined, cwd, format: options.format };
    await scanInParallel(discovery.files, threads, setup, (file) => scanFile(file, false, configuration, reporting), onResult);
  } else {
    scanFiles(discovery.files, options.fix, configuration, reporting, onResult);
  }
  const errors = [...discovery.errors, ...totals.errors];
  report.finish({ ...totals, errors });
  const writeFailure = output.close();
  if (writeFailure) {
    writeError(`acr-guard: cannot write '${options.output ?? 'the report'}': ${writeFailure.message}\n`);
    return 2;
  }
  for (const warning of warnings) writeError(`${warning}\n`);
  for (const failure of failures) writeError(`${failure}\n`);
  if (unrestored.size > 0) writeError(`${unrestoredWarning([...unrestored].sort())}\n`);
  for (const error of errors) writeError(`acr-guard: ${error}\n`);
  if (errors.length > 0) return 2;
  return failing || failures.length > 0 ? 1 : 0;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** One line for every registry module or template spec that is not restored, however many files use them. */
function unrestoredWarning(modules: readonly string[]): string {
  const named = modules.slice(0, 5).join(', ') + (modules.length > 5 ? `, and ${modules.length - 5} more` : '');
  const specs = modules.every((module) => module.startsWith('ts:'));
  const kind = modules.every((module) => module.startsWith('br:')) ? 'registry module' : specs ? 'template spec' : 'registry module or template spec';
  const count = modules.length === 1 ? `a ${kind} is` : `${modules.length} ${kind}s are`;
  // A module deploys registries; a file can also import values from one.
  const what = modules.length === 1 ? 'what it deploys or exports' : 'what they deploy or export';
  return `acr-guard: ${count} not restored, so ${what} was not checked (run 'bicep restore' first): ${named}`;
}

/** The `acr-guard` command as a process: the installed bin (bin/acr-guard.js) and `node dist/cli.js` both start here. */
export function runAsCommand(): void {
  tuneCompilerForScans();
  // A reader that stops early (`| head`) closes the pipe: stop quietly, with the exit code of an I/O error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(2);
  });
  void runCli(process.argv.slice(2), process.cwd(), (t) => process.stdout.write(t), (t) => process.stderr.write(t)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // A scan that could not finish must not exit with the code that means findings.
      process.stderr.write(`acr-guard: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) runAsCommand();
